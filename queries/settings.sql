-- All settings as key/value text. Parameters: none.
SELECT key, value FROM settings ORDER BY key;
