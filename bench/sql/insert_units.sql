-- Add the registered frame "bench_new_units" (units with the columns of the units
-- table) to the store, keeping every unit already there. Parameters: none.
INSERT OR IGNORE INTO units BY NAME SELECT * FROM bench_new_units;
