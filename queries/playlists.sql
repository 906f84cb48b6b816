-- The wall playlists: name, items (comma-separated screen kinds, e.g. 'overview,trajectory,localities:5'),
-- interval_s, saved_by, saved_at; the default 'mac-dinh' first. Parameters: none.
SELECT name, items, interval_s, saved_by, saved_at
FROM playlists
ORDER BY name <> 'mac-dinh', name;
