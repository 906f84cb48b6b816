-- The owners one officer account is bound to, one row each. Parameters: $user_name.
SELECT owner FROM officer_owners WHERE user_name = $user_name ORDER BY owner;
