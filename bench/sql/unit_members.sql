-- One row per unit code of a level under a parent unit. Parameters: $parent, $level.
SELECT DISTINCT code FROM units WHERE parent_code = $parent AND level = $level ORDER BY code;
