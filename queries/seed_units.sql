-- Insert or refresh the units reference rows from the registered frame "staged".
-- Parameters: none.
INSERT OR REPLACE INTO units BY NAME SELECT * FROM staged;
