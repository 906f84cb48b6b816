-- Version 2: what each load did and who rolled back which batch, as columns of
-- load_batches and a table batch_rollbacks. Version 1 stores written by the code that
-- re-ran schema.sql at every start already have both (it added them with IF NOT EXISTS),
-- hence IF NOT EXISTS here too. The store's version is now its only schema record: the
-- fingerprint of schema.sql that code kept in settings goes.
ALTER TABLE load_batches ADD COLUMN IF NOT EXISTS rows_new INTEGER;
ALTER TABLE load_batches ADD COLUMN IF NOT EXISTS rows_revised INTEGER;
ALTER TABLE load_batches ADD COLUMN IF NOT EXISTS rows_unchanged INTEGER;
ALTER TABLE load_batches ADD COLUMN IF NOT EXISTS rows_kept INTEGER;
ALTER TABLE load_batches ADD COLUMN IF NOT EXISTS warnings_confirmed INTEGER;
CREATE TABLE IF NOT EXISTS batch_rollbacks (
    batch_id       INTEGER PRIMARY KEY,
    user_name      VARCHAR NOT NULL,
    rolled_back_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    reason         VARCHAR
);
DELETE FROM settings WHERE key = 'schema_hash';
