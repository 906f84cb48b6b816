-- Every change of every annotation, newest first, with the values it replaced: change_id, annotation_id, change
-- (add, edit, remove), who and when, the file it came from, and per field the old (NULL for an add) and the new
-- value. Parameters: none.
SELECT change_id, annotation_id, change, changed_by, changed_at, file_name,
       lag(start_date) OVER w AS old_start_date, start_date AS new_start_date,
       lag(end_date) OVER w AS old_end_date, end_date AS new_end_date,
       lag(title_vi) OVER w AS old_title_vi, title_vi AS new_title_vi,
       lag(title_en) OVER w AS old_title_en, title_en AS new_title_en,
       lag(text_vi) OVER w AS old_text_vi, text_vi AS new_text_vi,
       lag(text_en) OVER w AS old_text_en, text_en AS new_text_en,
       lag(item_kind) OVER w AS old_item_kind, item_kind AS new_item_kind,
       lag(item_code) OVER w AS old_item_code, item_code AS new_item_code,
       lag(source) OVER w AS old_source, source AS new_source
FROM annotation_changes
WINDOW w AS (PARTITION BY annotation_id ORDER BY change_id)
ORDER BY change_id DESC;
