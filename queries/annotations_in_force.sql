-- The annotations in force: each annotation's newest change unless it is a removal. One row per annotation:
-- annotation_id, start_date, end_date, title_vi, title_en, text_vi, text_en, item_kind, item_code, source,
-- changed_by, changed_at. Parameters: $start, $end (dates; NULL for no bound): only annotations whose period
-- overlaps [start, end].
SELECT annotation_id, start_date, end_date, title_vi, title_en, text_vi, text_en, item_kind, item_code, source,
       changed_by, changed_at
FROM annotation_changes
QUALIFY row_number() OVER (PARTITION BY annotation_id ORDER BY change_id DESC) = 1
    AND change <> 'remove'
    AND (CAST($end AS DATE) IS NULL OR start_date <= CAST($end AS DATE))
    AND (CAST($start AS DATE) IS NULL OR end_date >= CAST($start AS DATE))
ORDER BY start_date, annotation_id;
