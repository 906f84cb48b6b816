-- Save (or replace) the correction of an office table's layout under its signature.
-- Parameters: $signature, $spec (JSON), $file_name, $saved_by.
INSERT OR REPLACE INTO layouts (signature, spec, file_name, saved_by, saved_at)
VALUES ($signature, $spec, $file_name, $saved_by, current_timestamp);
