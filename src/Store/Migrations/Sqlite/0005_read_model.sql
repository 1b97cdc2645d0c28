-- The read model (issue 6, src/Store/Reports): tables derived from the entries, that reports
-- query. Same shape on PostgreSQL. Every rm_ table is a pure function of the entries: a rebuild
-- empties them and projects every entry again. Projection reads only earlier entries of the
-- same chain, so the order in which different chains are projected does not change the result.

-- Outbox filled in each entry's own transaction (like ddl_unsealed), drained by the projector in
-- the transaction that projects the entry: every committed entry is projected exactly once.
CREATE TABLE ddl_unprojected (
    position INTEGER PRIMARY KEY
) STRICT;

INSERT INTO ddl_unprojected (position) SELECT position FROM ddl_entries;

CREATE TABLE rm_institutions (
    id        TEXT    PRIMARY KEY,
    kind      TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    region    TEXT    NOT NULL,
    suspended INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE rm_prescriptions (
    chain       TEXT    PRIMARY KEY,
    seq         INTEGER NOT NULL,
    hash        TEXT    NOT NULL,
    patient     TEXT    NOT NULL,
    prescriber  TEXT    NOT NULL,
    issued_at   TEXT    NOT NULL,
    valid_from  TEXT    NOT NULL,
    valid_until TEXT    NOT NULL,
    claimed_by  TEXT,
    expired     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX rm_prescriptions_patient ON rm_prescriptions (patient);
CREATE INDEX rm_prescriptions_prescriber ON rm_prescriptions (prescriber, issued_at);
CREATE INDEX rm_prescriptions_claimed_by ON rm_prescriptions (claimed_by);

CREATE TABLE rm_items (
    chain           TEXT    NOT NULL,
    item            INTEGER NOT NULL,
    atc             TEXT,
    national        TEXT,
    name            TEXT    NOT NULL,
    dose            TEXT    NOT NULL,
    quantity        INTEGER NOT NULL,
    unit            TEXT    NOT NULL,
    repeats         INTEGER NOT NULL,
    schedule        TEXT,
    issues_started  INTEGER NOT NULL DEFAULT 0,
    dispensed_total INTEGER NOT NULL DEFAULT 0,
    cancelled       INTEGER NOT NULL DEFAULT 0,
    not_dispensed   TEXT,
    status          TEXT    NOT NULL,
    PRIMARY KEY (chain, item)
) STRICT;

CREATE TABLE rm_issues (
    chain      TEXT    NOT NULL,
    item       INTEGER NOT NULL,
    issue      INTEGER NOT NULL,
    started_at TEXT    NOT NULL,
    pharmacy   TEXT    NOT NULL,
    dispensed  INTEGER NOT NULL,
    PRIMARY KEY (chain, item, issue)
) STRICT;

-- One row per prescription.dispensed entry. Drug, schedule, patient and prescriber are copied
-- from the prescription (same chain, earlier entries) so that aggregates filter one table.
CREATE TABLE rm_dispensings (
    chain            TEXT    NOT NULL,
    seq              INTEGER NOT NULL,
    hash             TEXT    NOT NULL,
    item             INTEGER NOT NULL,
    issue            INTEGER NOT NULL,
    quantity         INTEGER NOT NULL,
    unit             TEXT    NOT NULL,
    product_atc      TEXT,
    product_national TEXT,
    product_name     TEXT    NOT NULL,
    batch            TEXT,
    atc              TEXT,
    national         TEXT,
    schedule         TEXT,
    pharmacy         TEXT    NOT NULL,
    prescriber       TEXT    NOT NULL,
    patient          TEXT    NOT NULL,
    at               TEXT    NOT NULL,
    day              TEXT    NOT NULL,
    week             TEXT    NOT NULL,
    month            TEXT    NOT NULL,
    PRIMARY KEY (chain, seq)
) STRICT;
CREATE INDEX rm_dispensings_atc_day ON rm_dispensings (atc, day);
CREATE INDEX rm_dispensings_day ON rm_dispensings (day);
CREATE INDEX rm_dispensings_pharmacy ON rm_dispensings (pharmacy, at);
CREATE INDEX rm_dispensings_patient ON rm_dispensings (patient, at);

CREATE TABLE rm_treatments (
    chain       TEXT    PRIMARY KEY,
    seq         INTEGER NOT NULL,
    hash        TEXT    NOT NULL,
    patient     TEXT    NOT NULL,
    issuer      TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    valid_until TEXT,
    cancelled   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX rm_treatments_patient ON rm_treatments (patient);

CREATE TABLE rm_medications (
    chain        TEXT    NOT NULL,
    item         INTEGER NOT NULL,
    atc          TEXT,
    national     TEXT,
    name         TEXT    NOT NULL,
    dose         TEXT    NOT NULL,
    quantity     INTEGER NOT NULL,
    unit         TEXT    NOT NULL,
    administered INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chain, item)
) STRICT;

CREATE TABLE rm_procedure_orders (
    chain     TEXT    NOT NULL,
    procedure INTEGER NOT NULL,
    code      TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    count     INTEGER NOT NULL,
    done      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chain, procedure)
) STRICT;

CREATE TABLE rm_administrations (
    chain    TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    hash     TEXT    NOT NULL,
    item     INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    unit     TEXT    NOT NULL,
    author   TEXT    NOT NULL,
    at       TEXT    NOT NULL,
    PRIMARY KEY (chain, seq)
) STRICT;

CREATE TABLE rm_procedures (
    chain     TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    hash      TEXT    NOT NULL,
    procedure INTEGER NOT NULL,
    author    TEXT    NOT NULL,
    at        TEXT    NOT NULL,
    PRIMARY KEY (chain, seq)
) STRICT;

-- Who read a patient's data (DOMAIN.md, Privacy). Not derived from entries, so never rebuilt:
-- an access log is a record of reads, kept append-only like the entries.
CREATE TABLE ddl_access_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    patient     TEXT    NOT NULL,
    reader      TEXT    NOT NULL,
    reader_role TEXT    NOT NULL,
    field       TEXT    NOT NULL,
    at          TEXT    NOT NULL
) STRICT;
CREATE INDEX ddl_access_log_patient ON ddl_access_log (patient, id);

CREATE TRIGGER ddl_access_log_no_update BEFORE UPDATE ON ddl_access_log
BEGIN SELECT RAISE(ABORT, 'ddl_access_log is append-only'); END;
CREATE TRIGGER ddl_access_log_no_delete BEFORE DELETE ON ddl_access_log
BEGIN SELECT RAISE(ABORT, 'ddl_access_log is append-only'); END;
