-- Version 8: annotations and wall playlists (issue 16). An annotation is a dated event or a period (start_date =
-- end_date for an event) with a short title and text in Vietnamese and English, optionally tied to a unit or a
-- sector, and its source. Nothing is overwritten: every add, edit and removal is a new row of annotation_changes
-- (who, when, from which file); an annotation's newest row is in force unless it is a removal, and the row before
-- it holds the old values. A playlist is the list of screens the wall mode (/man-hinh) cycles through.
CREATE SEQUENCE IF NOT EXISTS annotation_change_seq START 1;
CREATE SEQUENCE IF NOT EXISTS annotation_id_seq START 1;
CREATE TABLE IF NOT EXISTS annotation_changes (
    change_id     INTEGER PRIMARY KEY DEFAULT nextval('annotation_change_seq'),
    annotation_id INTEGER NOT NULL,
    change        VARCHAR NOT NULL CHECK (change IN ('add', 'edit', 'remove')),
    start_date    DATE NOT NULL,
    end_date      DATE NOT NULL,
    title_vi      VARCHAR NOT NULL,
    title_en      VARCHAR NOT NULL,
    text_vi       VARCHAR,
    text_en       VARCHAR,
    item_kind     VARCHAR CHECK (item_kind IN ('unit', 'sector')),
    item_code     VARCHAR,
    source        VARCHAR,
    file_name     VARCHAR,
    changed_by    VARCHAR NOT NULL,
    changed_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CHECK (end_date >= start_date)
);
CREATE TABLE IF NOT EXISTS playlists (
    name       VARCHAR PRIMARY KEY,
    items      VARCHAR NOT NULL,
    interval_s INTEGER NOT NULL CHECK (interval_s BETWEEN 1 AND 3600),
    saved_by   VARCHAR NOT NULL,
    saved_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);
INSERT INTO playlists (name, items, interval_s, saved_by, saved_at)
VALUES ('mac-dinh', 'overview,trajectory,sectors,localities:5,actions', 20, 'system', TIMESTAMP '2026-11-30 00:00:00')
ON CONFLICT DO NOTHING;
