-- A fingerprint of the owners, actions, check-ins and officer bindings that changes with every write to them;
-- the register's caches are keyed by it. Parameters: none.
SELECT (SELECT coalesce(max(change_id), 0) FROM owner_changes) AS owners,
       (SELECT coalesce(max(action_id), 0) FROM actions) AS actions,
       (SELECT coalesce(max(checkin_id), 0) FROM action_checkins) AS checkins,
       (SELECT count(*) FROM officer_owners) AS bindings;
