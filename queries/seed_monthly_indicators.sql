-- Insert or refresh the monthly indicators' reference rows from the registered frame "staged".
-- Parameters: none.
INSERT OR REPLACE INTO monthly_indicators BY NAME SELECT * FROM staged;
