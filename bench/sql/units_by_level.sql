-- One row per unit level (country, province, former_district, commune) with the
-- number of units of that level that hold observations. Parameters: none.
SELECT u.level, count(DISTINCT u.code) AS units
FROM units AS u
WHERE u.code IN (SELECT DISTINCT unit_code FROM observations)
GROUP BY u.level ORDER BY u.level;
