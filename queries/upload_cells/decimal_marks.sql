-- How the value column's cells write their numbers (the reader's patterns, reader.py): the count of sure decimal
-- commas (7,55; 82.235,5) and sure decimal points (53600.0; 1,234.5), and whether any cell reads as dot thousands
-- (1.234) or comma thousands (82,235), and the first sure decimal point (the example a message gives). One row.
-- Every pattern needs a comma or a point, and those without a comma need a point: a cell is matched only against
-- the patterns it can match.
-- Parameters: comma_decimal, comma_thousands, dot_thousands_comma, point_decimal, dot_thousands,
-- comma_thousands_point.
WITH commas AS (
    SELECT line, value, (regexp_full_match(value, $comma_decimal) AND NOT regexp_full_match(value, $comma_thousands))
               OR regexp_full_match(value, $dot_thousands_comma) AS sure_comma,
           (regexp_full_match(value, $point_decimal) AND NOT regexp_full_match(value, $dot_thousands))
               OR (regexp_full_match(value, $comma_thousands_point) AND contains(value, '.')) AS sure_point,
           regexp_full_match(value, $dot_thousands) AS dots, regexp_full_match(value, $comma_thousands) AS commas
    FROM cells WHERE contains(value, ',')
),
points AS (
    SELECT line, value, false AS sure_comma,
           regexp_full_match(value, $point_decimal) AND NOT regexp_full_match(value, $dot_thousands) AS sure_point,
           regexp_full_match(value, $dot_thousands) AS dots, false AS commas
    FROM cells WHERE contains(value, '.') AND NOT contains(value, ',')
),
marks AS (SELECT * FROM commas UNION ALL SELECT * FROM points)
SELECT count(*) FILTER (WHERE sure_comma) AS comma, count(*) FILTER (WHERE sure_point) AS point,
       coalesce(bool_or(dots), false) AS dots, coalesce(bool_or(commas), false) AS commas,
       arg_min(value, line) FILTER (WHERE sure_point) AS first_point
FROM marks;
