-- Insert or refresh the indicators reference rows from the registered frame "staged".
-- Parameters: none.
INSERT OR REPLACE INTO indicators BY NAME SELECT * FROM staged;
