-- Version 5: accountability (issue 15). Who answers for each unit and sector (owner_changes: every change a new
-- row, the newest in force), the action register (actions, never edited; action_checkins: dated notes kept as
-- history, a check-in with done = true completes its action), officer accounts bound to owners
-- (officer_owners), the notification log and the last status each item was notified at (notified_items), the
-- action status rules (the task-tracking vocabulary of QĐ 42/2014/QĐ-TTg) and the notification thresholds.
CREATE SEQUENCE IF NOT EXISTS owner_change_seq START 1;
CREATE TABLE IF NOT EXISTS owner_changes (
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
CREATE SEQUENCE IF NOT EXISTS action_id_seq START 1;
CREATE TABLE IF NOT EXISTS actions (
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
CREATE SEQUENCE IF NOT EXISTS checkin_id_seq START 1;
CREATE TABLE IF NOT EXISTS action_checkins (
    checkin_id  INTEGER PRIMARY KEY DEFAULT nextval('checkin_id_seq'),
    action_id   INTEGER NOT NULL,
    checked_on  DATE NOT NULL,
    note        VARCHAR NOT NULL,
    done        BOOLEAN NOT NULL DEFAULT false,
    status      VARCHAR NOT NULL,
    user_name   VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS officer_owners (
    user_name  VARCHAR NOT NULL,
    owner      VARCHAR NOT NULL,
    granted_by VARCHAR NOT NULL,
    granted_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (user_name, owner)
);
CREATE SEQUENCE IF NOT EXISTS message_id_seq START 1;
CREATE TABLE IF NOT EXISTS notification_log (
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
CREATE TABLE IF NOT EXISTS notified_items (
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
CREATE TABLE IF NOT EXISTS action_status_rules (
    status        VARCHAR PRIMARY KEY,
    done          BOOLEAN NOT NULL,
    min_days_past INTEGER,
    rank          INTEGER NOT NULL
);
INSERT OR REPLACE INTO action_status_rules VALUES
    ('escalated', false, 31, 1), ('overdue', false, 1, 2), ('due', false, -7, 3), ('not_due', false, NULL, 4),
    ('done_late', true, 1, 5), ('done_on_time', true, NULL, 6);
-- When a load's change to an item is worth an e-mail: its gap to the target widened by more than min_change_pp.
CREATE TABLE IF NOT EXISTS notification_rules (
    event         VARCHAR PRIMARY KEY,
    min_change_pp DOUBLE NOT NULL
);
INSERT OR REPLACE INTO notification_rules VALUES ('widened', 0.5);
