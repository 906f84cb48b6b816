-- The number of records read_csv read (one per non-empty line of a file without multi-line records). Parameters: none.
SELECT count(*) FROM raw;
