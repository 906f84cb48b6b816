-- The distinct non-empty cells of the number column {col} that are not a plain decimal (an optional sign, digits,
-- an optional point and digits, at most 17 characters): pandas.to_numeric reads these (1e5, inf, 1_000 refused).
-- Parameters: none.
SELECT DISTINCT "{col}" AS cell FROM cells
WHERE "{col}" <> '' AND NOT (length("{col}") <= 17 AND regexp_full_match("{col}", '[+-]?[0-9]+(\.[0-9]+)?'));
