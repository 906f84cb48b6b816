-- The distinct cells of column {col} (unit codes, vintages, dates: a few hundred at most). Parameters: none.
SELECT DISTINCT "{col}" AS cell FROM cells;
