-- Insert or refresh the sectors reference rows from the registered frame "staged".
-- Parameters: none.
INSERT OR REPLACE INTO sectors BY NAME SELECT * FROM staged;
