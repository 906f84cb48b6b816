-- read_csv's records, no longer needed once the cells are numbered and stripped (frees their memory).
-- Parameters: none.
DROP TABLE raw;
