-- Every row of cells with, per column, its text ("t:<column>"), its number ("n:<column>", number columns: a plain
-- decimal cast, else pandas' reading from odd_numbers), its ISO date ("d:<column>", date columns, from cell_dates)
-- and the catalog key of the first rule it breaks or NULL ("e:<column>"). {values}, {joins} and {codes} are built
-- from the declared columns (cellrules.py). Parameters: none.
CREATE TABLE checked AS
SELECT *, {codes}
FROM (SELECT c.line, {values} FROM cells AS c {joins}) AS v;
