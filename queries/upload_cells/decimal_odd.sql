-- The value cells written in the other decimal style than the file's ($decimal), in file order: a sure decimal
-- point in a comma file, a sure decimal comma in a point file; and (kind 'ambiguous', when $ambiguous: a point
-- file with sure points and dot thousands) the cells that read as dot thousands too (48.000 beside 7.5). Only the
-- cells that can be either are matched: those with a comma, and those with a point in a comma file or when
-- $ambiguous.
-- Parameters: decimal, ambiguous, the reader's patterns (as decimal_marks).
WITH marks AS (
    SELECT line, value,
           (regexp_full_match(value, $comma_decimal) AND NOT regexp_full_match(value, $comma_thousands))
               OR regexp_full_match(value, $dot_thousands_comma) AS sure_comma,
           (regexp_full_match(value, $point_decimal) AND NOT regexp_full_match(value, $dot_thousands))
               OR (regexp_full_match(value, $comma_thousands_point) AND contains(value, '.')) AS sure_point,
           regexp_full_match(value, $dot_thousands) AS dots
    FROM cells
    WHERE contains(value, ',') OR (($decimal = ',' OR $ambiguous) AND contains(value, '.'))
)
SELECT line, value, 'odd' AS kind FROM marks WHERE CASE WHEN $decimal = ',' THEN sure_point ELSE sure_comma END
UNION ALL
SELECT line, value, 'ambiguous' FROM marks WHERE $ambiguous AND dots
ORDER BY kind DESC, line;
