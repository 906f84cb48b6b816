-- The lines and cells of column {col} whose cell is one of cell_map's old values, in file order. Parameters: none.
SELECT c.line, c."{col}" AS cell FROM cells AS c JOIN cell_map AS m ON c."{col}" = m.old ORDER BY c.line;
