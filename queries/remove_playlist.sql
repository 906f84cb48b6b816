-- Remove a saved playlist (the default 'mac-dinh' stays). Parameters: $name.
DELETE FROM playlists WHERE name = $name AND name <> 'mac-dinh' RETURNING name;
