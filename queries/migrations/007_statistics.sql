-- Version 7: statistics from the office's own files (issue 14): monthly observations beside the quarterly ones,
-- the monthly indicators' names, and what each SDMX-ML message says about itself (its prepared date).
CREATE TABLE IF NOT EXISTS observations_monthly (
    indicator   VARCHAR NOT NULL,
    unit_code   VARCHAR NOT NULL,
    sector_code VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    value       DOUBLE NOT NULL,
    vintage     VARCHAR NOT NULL CHECK (vintage IN ('estimate', 'preliminary', 'official')),
    batch_id    INTEGER NOT NULL,
    source      VARCHAR,
    PRIMARY KEY (indicator, unit_code, sector_code, year, month, vintage, batch_id)
);
CREATE TABLE IF NOT EXISTS monthly_indicators (
    code            VARCHAR PRIMARY KEY,
    name_vi         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    measure_unit_vi VARCHAR NOT NULL,
    measure_unit_en VARCHAR NOT NULL,
    sort_order      INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sdmx_files (
    sha256     VARCHAR PRIMARY KEY,
    file_name  VARCHAR NOT NULL,
    message_id VARCHAR,
    prepared   TIMESTAMP,
    sender     VARCHAR,
    structure  VARCHAR,
    comment    VARCHAR
);
