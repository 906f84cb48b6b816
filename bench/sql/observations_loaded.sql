-- Every observation of a loaded batch with its vintage rank (1 estimate, 2
-- preliminary, 3 official): the table an analyst would pull into pandas.
-- Parameters: none.
SELECT o.indicator, o.unit_code, o.sector_code, o.year, o.quarter, o.value, o.vintage, o.batch_id,
       CASE o.vintage WHEN 'estimate' THEN 1 WHEN 'preliminary' THEN 2 ELSE 3 END AS vrank
FROM observations AS o
JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded';
