-- Record one change of an annotation (a new row; earlier ones stay as history). $annotation_id NULL: a new
-- annotation takes the next id. Parameters: $annotation_id, $change, $start_date, $end_date, $title_vi, $title_en,
-- $text_vi, $text_en, $item_kind, $item_code, $source, $file_name, $changed_by.
INSERT INTO annotation_changes (annotation_id, change, start_date, end_date, title_vi, title_en, text_vi, text_en,
                                item_kind, item_code, source, file_name, changed_by)
VALUES (coalesce($annotation_id, nextval('annotation_id_seq')), $change, $start_date, $end_date, $title_vi,
        $title_en, $text_vi, $text_en, $item_kind, $item_code, $source, $file_name, $changed_by)
RETURNING annotation_id;
