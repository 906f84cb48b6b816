-- Record a load batch and return its id.
-- Parameters: $kind, $file_name, $sha256, $row_count, $user_name, $synthetic.
INSERT INTO load_batches (kind, file_name, sha256, row_count, user_name, outcome, synthetic)
VALUES ($kind, $file_name, $sha256, $row_count, $user_name, 'loaded', $synthetic)
RETURNING batch_id;
