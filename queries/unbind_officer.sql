-- Remove an officer account's binding to an owner. Parameters: $user_name, $owner.
DELETE FROM officer_owners WHERE user_name = $user_name AND owner = $owner;
