-- Save a playlist under its name (replacing one of the same name). Parameters: $name, $items, $interval_s,
-- $saved_by.
INSERT OR REPLACE INTO playlists (name, items, interval_s, saved_by, saved_at)
VALUES ($name, $items, $interval_s, $saved_by, current_timestamp);
