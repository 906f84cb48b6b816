-- TRUE when any batch in force holds synthetic (demo) figures. Parameters: none.
SELECT coalesce(bool_or(synthetic), false) AS demo_loaded
FROM load_batches WHERE outcome = 'loaded';
