-- Every unit with its names as they were on a day: the row of the code valid on $day (a unit renamed, e.g. Thị xã
-- Đông Triều until 31 Oct 2024, Thành phố Đông Triều from 1 Nov 2024), else its newest row (a unit not yet or no
-- longer in existence keeps the name it had last).
-- Parameters: $day.
SELECT DISTINCT ON (code) code, name_vi, name_en
FROM units
ORDER BY code, (valid_from <= $day AND coalesce(valid_to, DATE '9999-12-31') >= $day) DESC, valid_from DESC;
