-- Version 4: the layouts of office tables an analyst corrected, so that the next file of the same layout loads
-- without questions (monitor/upload/layout_memory.py). One row per layout signature (a hash of the table's stable
-- text: row labels, column headings without their periods); spec is the correction as JSON.
CREATE TABLE IF NOT EXISTS layouts (
    signature VARCHAR PRIMARY KEY,
    spec      VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    saved_by  VARCHAR NOT NULL,
    saved_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);
