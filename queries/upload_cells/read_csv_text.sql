-- The plain CSV file at $path as text, one row per record (blank lines skipped by read_csv), in file order:
-- {columns} is the struct of the columns c0..cN, all VARCHAR, generated from the header's width.
-- Parameters: path, sep.
CREATE TABLE raw AS
SELECT * FROM read_csv($path, delim = $sep, quote = '"', escape = '"', header = false, auto_detect = false,
                       columns = {columns}, null_padding = true, all_varchar = true, encoding = 'utf-8');
