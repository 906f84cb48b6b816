-- The rows as the rules typed them (a broken cell empty: '' for text, NULL for numbers and dates), with the number
-- columns' text beside them (named "text:<column>"), in file order. {columns} lists them. Parameters: none.
SELECT line, {columns} FROM checked ORDER BY line;
