-- Whether the file needs the exact reader instead, or a closer look: a cell past the length limit, a cell of a
-- number column holding a character outside ASCII (the reader's patterns count any Unicode digit), and whether a
-- cell outside the source column may have lost its Vietnamese letters (a '?' or a byte sequence of UTF-8 read as a
-- Western encoding; headers.lost_letters decides). {lengths} lists every column's length, {numbers} concatenates
-- the number columns' cells, {texts} the other columns' but the source. One row.
-- Parameters: max_chars.
SELECT coalesce(bool_or(greatest({lengths}) > $max_chars), false) AS too_long,
       coalesce(bool_or(regexp_matches({numbers}, '[^\x00-\x7F]')), false) AS non_ascii,
       coalesce(bool_or(regexp_matches({texts}, '[?ÃÆÄ]|áº|á»|â€')), false) AS lost_letters
FROM cells;
