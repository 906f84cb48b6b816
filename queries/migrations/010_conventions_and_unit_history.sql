-- Version 10: statistics as the office publishes them (issue 14). publisher_conventions: per indicator and unit
-- ('*' for any), the base of a sector's contribution (points of GRDP growth, or of the growth of total value added
-- = GRDP less product taxes) and of its share of the increase (value added only, KV1+KV2+KV3 = 100, or GRDP
-- including product taxes); filled from data/conventions.csv. unit_successors: a unit that ended and the unit that
-- took it over (Hoành Bồ into Hạ Long on 1 Jan 2020), from data/unit_history.csv.
CREATE TABLE IF NOT EXISTS publisher_conventions (
    indicator         VARCHAR NOT NULL,
    unit_code         VARCHAR NOT NULL,
    contribution_base VARCHAR NOT NULL CHECK (contribution_base IN ('grdp', 'value_added')),
    share_base        VARCHAR NOT NULL CHECK (share_base IN ('grdp', 'value_added')),
    source            VARCHAR NOT NULL,
    PRIMARY KEY (indicator, unit_code)
);
CREATE TABLE IF NOT EXISTS unit_successors (
    code           VARCHAR NOT NULL,
    successor_code VARCHAR NOT NULL,
    effective      DATE NOT NULL,
    source         VARCHAR NOT NULL,
    PRIMARY KEY (code, successor_code)
);
