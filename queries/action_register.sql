-- The action register: one row per action with its completion date (the first check-in marked done), its number
-- of check-ins and the newest one (date and note). Statuses are computed from these by
-- monitor/accountability/rules.py. Parameters: none.
SELECT a.action_id, a.item_kind, a.item_code, a.owner, a.text, a.deadline, a.expected_effect_pp,
       a.expected_effect, a.raised_year, a.raised_quarter, a.gap_pp, a.synthetic, a.created_by, a.created_at,
       min(c.checked_on) FILTER (WHERE c.done) AS completed_on,
       count(c.checkin_id) AS checkins,
       max(c.checked_on) AS last_checked_on,
       arg_max(c.note, c.checkin_id) AS last_note
FROM actions AS a
LEFT JOIN action_checkins AS c ON c.action_id = a.action_id
GROUP BY ALL
ORDER BY a.action_id;
