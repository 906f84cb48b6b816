-- The cells table without its flag of cells past the header (checked already). Parameters: none.
ALTER TABLE cells DROP COLUMN extra;
