-- Every officer account's binding to an owner, with who granted it and when. Parameters: none.
SELECT user_name, owner, granted_by, granted_at FROM officer_owners ORDER BY user_name, owner;
