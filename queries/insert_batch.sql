-- Record a load batch and return its id.
-- Parameters: $kind, $file_name, $sha256, $row_count, $user_name, $synthetic, $rows_new, $rows_revised,
-- $rows_unchanged, $rows_kept, $warnings_confirmed (the counts may be NULL).
INSERT INTO load_batches (kind, file_name, sha256, row_count, user_name, outcome, synthetic,
                          rows_new, rows_revised, rows_unchanged, rows_kept, warnings_confirmed)
VALUES ($kind, $file_name, $sha256, $row_count, $user_name, 'loaded', $synthetic,
        $rows_new, $rows_revised, $rows_unchanged, $rows_kept, $warnings_confirmed)
RETURNING batch_id;
