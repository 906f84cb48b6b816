-- The records of raw at the positions in quoted_records (those on lines holding a quote), with their position,
-- in file order: compared with Python's csv module's reading of the same lines. Parameters: none.
SELECT r.rowid, r.* FROM raw AS r WHERE r.rowid IN (SELECT idx FROM quoted_records) ORDER BY r.rowid;
