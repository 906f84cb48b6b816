-- Insert or refresh the publisher conventions from the registered frame "staged" (data/conventions.csv).
-- Parameters: none.
INSERT OR REPLACE INTO publisher_conventions BY NAME SELECT * FROM staged;
