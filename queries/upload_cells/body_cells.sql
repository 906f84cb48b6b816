-- One row per non-empty record below the header, with its file line: {numbered} gives raw's records with their
-- position (idx) and the line each starts on (csvtable.CONSECUTIVE or JOINED). The cells are stripped of
-- whitespace (Python's str.strip set, csvtable.STRIP, when any cell may need it) and named by their canonical
-- column: {trimmed} lists the stripped cells tN, {cells} names them (`tN AS "unit_code"`); {extra} is true when a
-- cell past the header's width holds text, {nonempty} when any cell does. Rows in no particular order (queries that
-- list rows order by line).
-- Parameters: header_index (the position of the header in raw).
CREATE TABLE cells AS
SELECT line, {cells}, ({extra}) AS extra
FROM (SELECT line, {trimmed} FROM {numbered} WHERE idx > $header_index)
WHERE {nonempty};
