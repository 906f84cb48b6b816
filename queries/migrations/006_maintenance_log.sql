-- Version 6: what was done to the store as a whole, so that a restored store says so: one row per restore from a
-- backup (which backup, when it was taken, where the previous file was kept); monitor/core/backup.py writes it.
CREATE TABLE IF NOT EXISTS maintenance_log (
    event   VARCHAR NOT NULL CHECK (event IN ('restored')),
    detail  VARCHAR NOT NULL,
    done_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
