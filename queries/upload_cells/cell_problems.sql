-- The broken cells, one row each: file line, column, cell text, catalog key; in file order, columns in file order.
-- {selects} is one SELECT per column over checked. Parameters: none.
SELECT * FROM ({selects}) ORDER BY line, position;
