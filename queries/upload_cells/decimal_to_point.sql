-- The value cells with a decimal point: in a comma file ($decimal = ',') dots (thousands) dropped and the comma
-- made a point, except sure decimal points (reported already); in a point file comma thousands (1,234.5) dropped.
-- Parameters: decimal, point_decimal, dot_thousands, comma_thousands_point.
UPDATE cells SET value = CASE
    WHEN $decimal = ',' THEN CASE
        WHEN (regexp_full_match(value, $point_decimal) AND NOT regexp_full_match(value, $dot_thousands))
             OR (regexp_full_match(value, $comma_thousands_point) AND contains(value, '.')) THEN value
        ELSE replace(replace(value, '.', ''), ',', '.') END
    WHEN regexp_full_match(value, $comma_thousands_point) THEN replace(value, ',', '')
    ELSE value END
WHERE value <> '' AND (contains(value, ',') OR ($decimal = ',' AND contains(value, '.')));
