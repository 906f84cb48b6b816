-- Insert or refresh the successors of ended units from the registered frame "staged" (data/unit_history.csv).
-- Parameters: none.
INSERT OR REPLACE INTO unit_successors BY NAME SELECT * FROM staged;
