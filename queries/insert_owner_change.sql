-- Record who answers for an item from now on (a new row; earlier ones stay as history).
-- Parameters: $item_kind, $item_code, $owner, $body, $leader_title, $leader_name, $email, $synthetic, $file_name,
-- $changed_by.
INSERT INTO owner_changes (item_kind, item_code, owner, body, leader_title, leader_name, email, synthetic,
                           file_name, changed_by)
VALUES ($item_kind, $item_code, $owner, $body, $leader_title, $leader_name, $email, $synthetic, $file_name,
        $changed_by);
