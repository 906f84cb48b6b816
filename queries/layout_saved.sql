-- The correction saved for an office table's layout, if any: one row (spec as JSON, the file it was made on,
-- who saved it and when) or none. Parameters: $signature.
SELECT spec, file_name, saved_by, saved_at FROM layouts WHERE signature = $signature;
