-- One row per load batch, newest first: what was loaded, by whom and when, what it
-- changed, and whether (by whom, when, why) it was rolled back.
-- Parameters: none.
SELECT b.batch_id, b.kind, b.file_name, b.sha256, b.row_count, b.user_name, b.loaded_at, b.outcome,
       b.synthetic, b.rows_new, b.rows_revised, b.rows_unchanged, b.rows_kept, b.warnings_confirmed,
       r.user_name AS rolled_back_by, r.rolled_back_at, r.reason AS rollback_reason
FROM load_batches AS b
LEFT JOIN batch_rollbacks AS r USING (batch_id)
ORDER BY b.batch_id DESC;
