-- A fingerprint of the annotations that changes with every add, edit or removal (caches of charts key on it).
-- Parameters: none.
SELECT coalesce(max(change_id), 0) AS last_change FROM annotation_changes;
