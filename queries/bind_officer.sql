-- Bind an officer account to an owner (a second binding to the same owner changes nothing).
-- Parameters: $user_name, $owner, $by.
INSERT INTO officer_owners (user_name, owner, granted_by) VALUES ($user_name, $owner, $by) ON CONFLICT DO NOTHING;
