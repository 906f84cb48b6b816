-- The status thresholds, best status first: a gap (growth minus target, in points)
-- at or above min_gap_pp earns the status; the last rule (NULL) takes the rest.
-- Parameters: none.
SELECT status, rank, min_gap_pp FROM status_rules ORDER BY rank;
