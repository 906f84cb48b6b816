-- One row per non-empty record below the header, with its file line (record_lines: the line each record of raw
-- starts on, by its position, raw's rowid): the cells stripped of whitespace (Python's str.strip set,
-- csvtable.STRIP), named by their canonical column. {trimmed} lists `regexp_replace(coalesce(cN, ''), STRIP, '',
-- 'g') AS tN`; {cells} names them (`tN AS "unit_code"`); {extra} is true when a cell past the header's width holds
-- text, {nonempty} when any cell does. Rows in no particular order (queries that list rows order by line).
-- Parameters: header_index (the position of the header in raw).
CREATE TABLE cells AS
SELECT line, {cells}, ({extra}) AS extra
FROM (SELECT l.line, {trimmed} FROM raw JOIN record_lines AS l ON l.idx = raw.rowid WHERE l.idx > $header_index)
WHERE {nonempty};
