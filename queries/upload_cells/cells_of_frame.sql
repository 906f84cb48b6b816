-- The registered frame "frame_cells" (a file's text cells read by the exact reader, column "line" its file line)
-- as the table of cells the rules read. Parameters: none.
CREATE TABLE cells AS SELECT * FROM frame_cells;
