-- Record (or refresh) what an SDMX-ML message says about itself, under the file's sha256.
-- Parameters: $sha256, $file_name, $message_id, $prepared, $sender, $structure, $comment.
INSERT OR REPLACE INTO sdmx_files (sha256, file_name, message_id, prepared, sender, structure, comment)
VALUES ($sha256, $file_name, $message_id, $prepared, $sender, $structure, $comment);
