-- Every unit with its names and level, newest validity first per code.
-- Parameters: none.
SELECT DISTINCT ON (code) code, name_vi, name_en, level, parent_code, main_former_district,
       valid_from, valid_to
FROM units ORDER BY code, valid_from DESC;
