-- Growth Monitor store: the whole current schema, run once to create a new store.
-- monitor.core.store.Store runs this file only on a file without a schema_version table
-- (`python -m monitor init`, or Store(..., create=True)), then records the number of the
-- last file in queries/migrations/ as the store's version. An existing store is never
-- given this file again: Store applies, in order, each queries/migrations/NNN_name.sql
-- numbered above its version, one transaction per file, and records each number in
-- schema_version. Version 1 is this schema as first released.
-- A change to the schema is therefore made twice, on purpose: here, as a new store should
-- be, and as the next numbered migration that brings an existing store to the same state
-- (tests/test_store.py checks that both give the same tables, columns and macros).

CREATE TABLE schema_version (
    version    INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Administrative units. A 5-digit code can be reused by a successor unit, so the
-- key includes the start of validity.
CREATE TABLE units (
    code                 VARCHAR NOT NULL,
    name_vi              VARCHAR NOT NULL,
    name_en              VARCHAR NOT NULL,
    level                VARCHAR NOT NULL CHECK (level IN ('country', 'province', 'former_district', 'commune')),
    division_type        VARCHAR,
    parent_code          VARCHAR,
    main_former_district VARCHAR,
    valid_from           DATE NOT NULL,
    valid_to             DATE,
    PRIMARY KEY (code, valid_from)
);

CREATE TABLE sectors (
    code        VARCHAR PRIMARY KEY,
    name_vi     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    parent_code VARCHAR,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE indicators (
    code            VARCHAR PRIMARY KEY,
    name_vi         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL CHECK (kind IN ('level', 'plan', 'rate')),
    measure_unit_vi VARCHAR NOT NULL,
    measure_unit_en VARCHAR NOT NULL,
    sort_order      INTEGER NOT NULL
);

CREATE SEQUENCE batch_id_seq START 1;

CREATE TABLE load_batches (
    batch_id    INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
    kind        VARCHAR NOT NULL CHECK (kind IN ('observations', 'targets')),
    file_name   VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    row_count   INTEGER NOT NULL,
    user_name   VARCHAR NOT NULL,
    loaded_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    outcome     VARCHAR NOT NULL CHECK (outcome IN ('loaded', 'rolled_back')),
    synthetic   BOOLEAN NOT NULL DEFAULT false,
    -- what the load did, filled by the loader (NULL where a count does not apply, and in
    -- batches loaded before the loader counted)
    rows_new           INTEGER,
    rows_revised       INTEGER,
    rows_unchanged     INTEGER,
    rows_kept          INTEGER,
    warnings_confirmed INTEGER
);

-- Who rolled back which batch, when and why. A rolled-back batch keeps its rows.
CREATE TABLE batch_rollbacks (
    batch_id       INTEGER PRIMARY KEY,
    user_name      VARCHAR NOT NULL,
    rolled_back_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    reason         VARCHAR
);

-- One row per value and vintage. Rows are never updated or deleted: a revision is
-- a new row in a new batch, a rollback marks its batch.
CREATE TABLE observations (
    indicator   VARCHAR NOT NULL,
    unit_code   VARCHAR NOT NULL,
    sector_code VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    quarter     INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    value       DOUBLE NOT NULL,
    vintage     VARCHAR NOT NULL CHECK (vintage IN ('estimate', 'preliminary', 'official')),
    batch_id    INTEGER NOT NULL,
    source      VARCHAR,
    PRIMARY KEY (indicator, unit_code, sector_code, year, quarter, vintage, batch_id)
);

-- period: Q1 (the first quarter, also the year to date), Q2, Q3, Q4 (that quarter alone, on the same quarter last
-- year) or cumulative to its end: H1 (6 months), 9M, Y (the year). value is the target, or the lower bound of a
-- range whose upper bound is value_high; source is the document that set it (e.g. "Nghị quyết 226/NQ-CP") and
-- effective_date the day it took effect: a later effective date revises the target from that day on.
CREATE TABLE targets (
    indicator      VARCHAR NOT NULL,
    unit_code      VARCHAR NOT NULL,
    sector_code    VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    period         VARCHAR NOT NULL CHECK (period IN ('Q1', 'Q2', 'Q3', 'Q4', 'H1', '9M', 'Y')),
    value          DOUBLE NOT NULL,
    value_high     DOUBLE CHECK (value_high IS NULL OR value_high >= value),
    scope          VARCHAR NOT NULL CHECK (scope IN ('provincial', 'central')),
    source         VARCHAR,
    effective_date DATE NOT NULL,
    batch_id       INTEGER NOT NULL,
    PRIMARY KEY (indicator, unit_code, sector_code, year, period, scope, effective_date, batch_id)
);

-- The layouts of office tables an analyst corrected, under the layout's signature (a hash of the table's stable
-- text: row labels and column headings without their periods), so the next file of the same layout loads without
-- questions; spec is the correction as JSON (monitor/upload/layout_memory.py).
CREATE TABLE layouts (
    signature VARCHAR PRIMARY KEY,
    spec      VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    saved_by  VARCHAR NOT NULL,
    saved_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Status thresholds, one declared table: a unit gets the first status (lowest
-- rank) whose min_gap_pp its gap to the target reaches. Trend is flat within
-- flat_band_pp of the previous quarter's year-to-date growth.
CREATE TABLE status_rules (
    status     VARCHAR PRIMARY KEY,
    rank       INTEGER NOT NULL,
    min_gap_pp DOUBLE
);
INSERT INTO status_rules VALUES ('on_track', 1, 0.0), ('watch', 2, -1.0), ('lagging', 3, NULL);

CREATE TABLE settings (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
INSERT INTO settings VALUES ('trend_flat_band_pp', '0.1');

-- The precedence of vintages, the one place it is written: estimate (1) < preliminary (2)
-- < official (3); NULL for anything else (observations.vintage and the loader admit only
-- these three). Every query ranks vintages with it. A macro, so DuckDB inlines it and
-- obs_in_force costs what a CASE written in place costs; a table of ranks joined in would
-- add a hash join to every query of the dashboard.
CREATE MACRO vintage_rank(v) AS CASE v WHEN 'estimate' THEN 1 WHEN 'preliminary' THEN 2 WHEN 'official' THEN 3 END;

-- The observations in force: per key, the highest vintage (vintage_rank) from the newest
-- batch, or with mode = 'first' the figure as first published (the lowest vintage from
-- the oldest batch). Rolled-back batches are invisible.
CREATE MACRO obs_in_force(mode) AS TABLE
-- arg_max in a GROUP BY, not row_number() over a window: a window sorts every row of the filtered keys
-- (3x slower for the communes' query at national scale, BENCHMARKS.md finding 2). pick orders by vintage
-- rank, then batch; negated for the figures as first published.
SELECT indicator, unit_code, sector_code, year, quarter,
       arg_max(value, pick) AS value, arg_max(vintage, pick) AS vintage, arg_max(batch_id, pick) AS batch_id
FROM (
    SELECT o.indicator, o.unit_code, o.sector_code, o.year, o.quarter, o.value, o.vintage, o.batch_id,
           CASE WHEN mode = 'first' THEN -1 ELSE 1 END
               * (vintage_rank(o.vintage) * 1000000000::BIGINT + o.batch_id) AS pick
    FROM observations AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
)
GROUP BY indicator, unit_code, sector_code, year, quarter;

-- Targets in force: the newest batch for each key and effective date (every revision of a target keeps its own
-- row; which one judges a figure is the one in force at its as-of date, monitor/core/engine.py).
CREATE MACRO targets_in_force() AS TABLE
SELECT t.indicator, t.unit_code, t.sector_code, t.year, t.period, t.value, t.value_high, t.scope, t.source,
       t.effective_date
FROM targets AS t
JOIN load_batches AS b ON b.batch_id = t.batch_id AND b.outcome = 'loaded'
QUALIFY row_number() OVER (
    PARTITION BY t.indicator, t.unit_code, t.sector_code, t.year, t.period, t.scope, t.effective_date
    ORDER BY t.batch_id DESC
) = 1;

-- Levels of one indicator around an as-of quarter, per unit and sector: the quarter
-- and the year to date (this year and last), last year's full year, and the year
-- to date at the previous quarter (for Q1: last year's and the year before's full
-- years). A period with a missing quarter gives NULL, never a partial sum.
CREATE MACRO period_levels(mode, ind, yr, q) AS TABLE
SELECT
    unit_code, sector_code,
    CASE WHEN count(*) FILTER (WHERE year = yr AND quarter = q) = 1
        THEN sum(value) FILTER (WHERE year = yr AND quarter = q) END AS quarter_level,
    CASE WHEN count(*) FILTER (WHERE year = yr - 1 AND quarter = q) = 1
        THEN sum(value) FILTER (WHERE year = yr - 1 AND quarter = q) END AS quarter_level_prev,
    CASE WHEN count(*) FILTER (WHERE year = yr AND quarter <= q) = q
        THEN sum(value) FILTER (WHERE year = yr AND quarter <= q) END AS ytd_level,
    CASE WHEN count(*) FILTER (WHERE year = yr - 1 AND quarter <= q) = q
        THEN sum(value) FILTER (WHERE year = yr - 1 AND quarter <= q) END AS ytd_level_prev,
    CASE WHEN count(*) FILTER (WHERE year = yr - 1) = 4
        THEN sum(value) FILTER (WHERE year = yr - 1) END AS annual_level_prev,
    -- year to date at the previous quarter; for Q1 that is last year's full year
    CASE WHEN q > 1
        THEN CASE WHEN count(*) FILTER (WHERE year = yr AND quarter < q) = q - 1
             THEN sum(value) FILTER (WHERE year = yr AND quarter < q) END
        ELSE CASE WHEN count(*) FILTER (WHERE year = yr - 1) = 4
             THEN sum(value) FILTER (WHERE year = yr - 1) END
    END AS prev_ytd_level,
    CASE WHEN q > 1
        THEN CASE WHEN count(*) FILTER (WHERE year = yr - 1 AND quarter < q) = q - 1
             THEN sum(value) FILTER (WHERE year = yr - 1 AND quarter < q) END
        ELSE CASE WHEN count(*) FILTER (WHERE year = yr - 2) = 4
             THEN sum(value) FILTER (WHERE year = yr - 2) END
    END AS prev_ytd_level_prev
FROM obs_in_force(mode)
WHERE indicator = ind AND year BETWEEN yr - 2 AND yr
GROUP BY unit_code, sector_code;

-- Accountability (issue 15, migration 005): who answers for each unit and sector (owner_changes: every change a
-- new row, the newest in force), the action register (actions, never edited; action_checkins: dated notes kept as
-- history, a check-in with done = true completes its action), officer accounts bound to owners (officer_owners),
-- the notification log, the last status each item was notified at, and the action status rules.
CREATE SEQUENCE owner_change_seq START 1;
CREATE TABLE owner_changes (
    change_id    INTEGER PRIMARY KEY DEFAULT nextval('owner_change_seq'),
    item_kind    VARCHAR NOT NULL CHECK (item_kind IN ('unit', 'sector')),
    item_code    VARCHAR NOT NULL,
    owner        VARCHAR NOT NULL,
    body         VARCHAR NOT NULL,
    leader_title VARCHAR,
    leader_name  VARCHAR,
    email        VARCHAR,
    synthetic    BOOLEAN NOT NULL DEFAULT false,
    file_name    VARCHAR,
    changed_by   VARCHAR NOT NULL,
    changed_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE SEQUENCE action_id_seq START 1;
CREATE TABLE actions (
    action_id          INTEGER PRIMARY KEY DEFAULT nextval('action_id_seq'),
    item_kind          VARCHAR NOT NULL CHECK (item_kind IN ('unit', 'sector')),
    item_code          VARCHAR NOT NULL,
    owner              VARCHAR NOT NULL,
    text               VARCHAR NOT NULL,
    deadline           DATE NOT NULL,
    expected_effect_pp DOUBLE,
    expected_effect    VARCHAR,
    raised_year        INTEGER,
    raised_quarter     INTEGER CHECK (raised_quarter BETWEEN 1 AND 4),
    gap_pp             DOUBLE,
    synthetic          BOOLEAN NOT NULL DEFAULT false,
    created_by         VARCHAR NOT NULL,
    created_at         TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE SEQUENCE checkin_id_seq START 1;
CREATE TABLE action_checkins (
    checkin_id  INTEGER PRIMARY KEY DEFAULT nextval('checkin_id_seq'),
    action_id   INTEGER NOT NULL,
    checked_on  DATE NOT NULL,
    note        VARCHAR NOT NULL,
    done        BOOLEAN NOT NULL DEFAULT false,
    status      VARCHAR NOT NULL,
    user_name   VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE officer_owners (
    user_name  VARCHAR NOT NULL,
    owner      VARCHAR NOT NULL,
    granted_by VARCHAR NOT NULL,
    granted_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (user_name, owner)
);
CREATE SEQUENCE message_id_seq START 1;
CREATE TABLE notification_log (
    message_id INTEGER PRIMARY KEY DEFAULT nextval('message_id_seq'),
    event      VARCHAR NOT NULL,
    owner      VARCHAR NOT NULL,
    recipient  VARCHAR NOT NULL,
    item_kind  VARCHAR,
    item_code  VARCHAR,
    action_id  INTEGER,
    year       INTEGER,
    quarter    INTEGER,
    subject    VARCHAR NOT NULL,
    outcome    VARCHAR NOT NULL CHECK (outcome IN ('sent', 'failed')),
    error      VARCHAR,
    sent_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE notified_items (
    item_kind VARCHAR NOT NULL,
    item_code VARCHAR NOT NULL,
    year      INTEGER NOT NULL,
    quarter   INTEGER NOT NULL,
    status    VARCHAR NOT NULL,
    gap_pp    DOUBLE,
    PRIMARY KEY (item_kind, item_code)
);
-- An action's status from its deadline and completion date, never typed: the rule of its kind (done or open) with
-- the largest min_days_past it reaches (days past the deadline: completion minus deadline for a done action, today
-- minus deadline for an open one; NULL takes any). rank orders worst first.
CREATE TABLE action_status_rules (
    status        VARCHAR PRIMARY KEY,
    done          BOOLEAN NOT NULL,
    min_days_past INTEGER,
    rank          INTEGER NOT NULL
);
INSERT INTO action_status_rules VALUES
    ('escalated', false, 31, 1), ('overdue', false, 1, 2), ('due', false, -7, 3), ('not_due', false, NULL, 4),
    ('done_late', true, 1, 5), ('done_on_time', true, NULL, 6);
-- When a load's change to an item is worth an e-mail: its gap to the target widened by more than min_change_pp.
CREATE TABLE notification_rules (
    event         VARCHAR PRIMARY KEY,
    min_change_pp DOUBLE NOT NULL
);
INSERT INTO notification_rules VALUES ('widened', 0.5);

-- Statistics from the office's own files (issue 14, migration 007). observations_monthly: monthly series (IIP, trade,
-- CPI) one value per (indicator, unit_code, sector_code, year, month, vintage, batch), beside the quarterly table so
-- that no quarterly query changes; a rolled-back batch hides its rows here too. monthly_indicators: their names and
-- measure units (data/monthly_indicators.csv). sdmx_files: what an SDMX-ML message says about itself, by the file's
-- sha256 (load_batches.sha256): the message id, when it was prepared (the vintage date of its figures), who sent it.
CREATE TABLE observations_monthly (
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
CREATE TABLE monthly_indicators (
    code            VARCHAR PRIMARY KEY,
    name_vi         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    measure_unit_vi VARCHAR NOT NULL,
    measure_unit_en VARCHAR NOT NULL,
    sort_order      INTEGER NOT NULL
);
CREATE TABLE sdmx_files (
    sha256     VARCHAR PRIMARY KEY,
    file_name  VARCHAR NOT NULL,
    message_id VARCHAR,
    prepared   TIMESTAMP,
    sender     VARCHAR,
    structure  VARCHAR,
    comment    VARCHAR
);

-- What was done to the store as a whole: one row per restore from a backup (which backup, when it was taken,
-- where the previous file was kept); monitor/core/backup.py writes it (migration 006).
CREATE TABLE maintenance_log (
    event   VARCHAR NOT NULL CHECK (event IN ('restored')),
    detail  VARCHAR NOT NULL,
    done_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Annotations and wall playlists (issue 16, migration 008). An annotation is a dated event or a period (start_date =
-- end_date for an event) with a short title and text in Vietnamese and English, optionally tied to a unit or a
-- sector, and its source. Nothing is overwritten: every add, edit and removal is a new row of annotation_changes
-- (who, when, from which file); an annotation's newest row is in force unless it is a removal, and the row before
-- it holds the old values. A playlist is the list of screens the wall mode (/man-hinh) cycles through.
CREATE SEQUENCE annotation_change_seq START 1;
CREATE SEQUENCE annotation_id_seq START 1;
CREATE TABLE annotation_changes (
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
CREATE TABLE playlists (
    name       VARCHAR PRIMARY KEY,
    items      VARCHAR NOT NULL,
    interval_s INTEGER NOT NULL CHECK (interval_s BETWEEN 1 AND 3600),
    saved_by   VARCHAR NOT NULL,
    saved_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);
INSERT INTO playlists (name, items, interval_s, saved_by, saved_at)
VALUES ('mac-dinh', 'overview,trajectory,sectors,localities:5,actions', 20, 'system', TIMESTAMP '2026-11-30 00:00:00');


-- Publisher conventions and unit history (version 10, issue 14). publisher_conventions: per indicator and unit ('*'
-- for any), the base of a sector's contribution ('grdp': points of GRDP growth; 'value_added': points of the growth
-- of total value added, GRDP less product taxes) and of its share of the increase ('value_added': KV1+KV2+KV3 = 100;
-- 'grdp': of the GRDP increase, product taxes included); data/conventions.csv. unit_successors: a unit that ended
-- and the unit that took it over; data/unit_history.csv.
CREATE TABLE publisher_conventions (
    indicator         VARCHAR NOT NULL,
    unit_code         VARCHAR NOT NULL,
    contribution_base VARCHAR NOT NULL CHECK (contribution_base IN ('grdp', 'value_added')),
    share_base        VARCHAR NOT NULL CHECK (share_base IN ('grdp', 'value_added')),
    source            VARCHAR NOT NULL,
    PRIMARY KEY (indicator, unit_code)
);
CREATE TABLE unit_successors (
    code           VARCHAR NOT NULL,
    successor_code VARCHAR NOT NULL,
    effective      DATE NOT NULL,
    source         VARCHAR NOT NULL,
    PRIMARY KEY (code, successor_code)
);
