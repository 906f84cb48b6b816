-- Whether the file needs the exact reader instead: a cell past the length limit, or a cell of a number column
-- holding a character outside ASCII (the reader's patterns count any Unicode digit). {lengths} lists every
-- column's length, {numbers} concatenates the number columns' cells.
-- Parameters: max_chars.
SELECT coalesce(bool_or(greatest({lengths}) > $max_chars), false) AS too_long,
       coalesce(bool_or(regexp_matches({numbers}, '[^\x00-\x7F]')), false) AS non_ascii
FROM cells;
