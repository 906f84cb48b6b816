-- Every unit with its names and level, newest validity first per code, and the unit that took over one that
-- ended (successor_code, from unit_successors; NULL for most).
-- Parameters: none.
SELECT DISTINCT ON (u.code) u.code, u.name_vi, u.name_en, u.level, u.parent_code, u.main_former_district,
       u.valid_from, u.valid_to, s.successor_code
FROM units AS u
LEFT JOIN (SELECT code, string_agg(successor_code, ', ' ORDER BY successor_code) AS successor_code
           FROM unit_successors GROUP BY code) AS s ON s.code = u.code
ORDER BY u.code, u.valid_from DESC;
