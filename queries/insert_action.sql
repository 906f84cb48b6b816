-- Add an action to the register and return its id.
-- Parameters: $item_kind, $item_code, $owner, $text, $deadline, $expected_effect_pp, $expected_effect,
-- $raised_year, $raised_quarter, $gap_pp, $synthetic, $created_by.
INSERT INTO actions (item_kind, item_code, owner, text, deadline, expected_effect_pp, expected_effect,
                     raised_year, raised_quarter, gap_pp, synthetic, created_by)
VALUES ($item_kind, $item_code, $owner, $text, $deadline, $expected_effect_pp, $expected_effect,
        $raised_year, $raised_quarter, $gap_pp, $synthetic, $created_by)
RETURNING action_id;
