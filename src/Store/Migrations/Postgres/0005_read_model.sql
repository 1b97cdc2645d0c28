-- The read model (issue 6, src/Store/Reports): tables derived from the entries, that reports
-- query. Same shape on SQLite; text is COLLATE "C" so that sorting and ATC prefix ranges are byte order, as on SQLite. Every rm_ table is a pure function of the entries: a rebuild
-- empties them and projects every entry again. Projection reads only earlier entries of the
-- same chain, so the order in which different chains are projected does not change the result.

-- Outbox filled in each entry's own transaction (like ddl_unsealed), drained by the projector in
-- the transaction that projects the entry: every committed entry is projected exactly once.
CREATE TABLE ddl_unprojected (
    position bigint PRIMARY KEY
);

INSERT INTO ddl_unprojected (position) SELECT position FROM ddl_entries;

CREATE TABLE rm_institutions (
    id        text COLLATE "C"    PRIMARY KEY,
    kind      text COLLATE "C"    NOT NULL,
    name      text COLLATE "C"    NOT NULL,
    region    text COLLATE "C"    NOT NULL,
    suspended bigint NOT NULL DEFAULT 0
);

CREATE TABLE rm_prescriptions (
    chain       text COLLATE "C"    PRIMARY KEY,
    seq         bigint NOT NULL,
    hash        text COLLATE "C"    NOT NULL,
    patient     text COLLATE "C"    NOT NULL,
    prescriber  text COLLATE "C"    NOT NULL,
    issued_at   text COLLATE "C"    NOT NULL,
    valid_from  text COLLATE "C"    NOT NULL,
    valid_until text COLLATE "C"    NOT NULL,
    claimed_by  text COLLATE "C",
    expired     bigint NOT NULL DEFAULT 0
);
CREATE INDEX rm_prescriptions_patient ON rm_prescriptions (patient);
CREATE INDEX rm_prescriptions_prescriber ON rm_prescriptions (prescriber, issued_at);
CREATE INDEX rm_prescriptions_claimed_by ON rm_prescriptions (claimed_by);

CREATE TABLE rm_items (
    chain           text COLLATE "C"    NOT NULL,
    item            bigint NOT NULL,
    atc             text COLLATE "C",
    national        text COLLATE "C",
    name            text COLLATE "C"    NOT NULL,
    dose            text COLLATE "C"    NOT NULL,
    quantity        bigint NOT NULL,
    unit            text COLLATE "C"    NOT NULL,
    repeats         bigint NOT NULL,
    schedule        text COLLATE "C",
    issues_started  bigint NOT NULL DEFAULT 0,
    dispensed_total bigint NOT NULL DEFAULT 0,
    cancelled       bigint NOT NULL DEFAULT 0,
    not_dispensed   text COLLATE "C",
    status          text COLLATE "C"    NOT NULL,
    PRIMARY KEY (chain, item)
);

CREATE TABLE rm_issues (
    chain      text COLLATE "C"    NOT NULL,
    item       bigint NOT NULL,
    issue      bigint NOT NULL,
    started_at text COLLATE "C"    NOT NULL,
    pharmacy   text COLLATE "C"    NOT NULL,
    dispensed  bigint NOT NULL,
    PRIMARY KEY (chain, item, issue)
);

-- One row per prescription.dispensed entry. Drug, schedule, patient and prescriber are copied
-- from the prescription (same chain, earlier entries) so that aggregates filter one table.
CREATE TABLE rm_dispensings (
    chain            text COLLATE "C"    NOT NULL,
    seq              bigint NOT NULL,
    hash             text COLLATE "C"    NOT NULL,
    item             bigint NOT NULL,
    issue            bigint NOT NULL,
    quantity         bigint NOT NULL,
    unit             text COLLATE "C"    NOT NULL,
    product_atc      text COLLATE "C",
    product_national text COLLATE "C",
    product_name     text COLLATE "C"    NOT NULL,
    batch            text COLLATE "C",
    atc              text COLLATE "C",
    national         text COLLATE "C",
    schedule         text COLLATE "C",
    pharmacy         text COLLATE "C"    NOT NULL,
    prescriber       text COLLATE "C"    NOT NULL,
    patient          text COLLATE "C"    NOT NULL,
    at               text COLLATE "C"    NOT NULL,
    day              text COLLATE "C"    NOT NULL,
    week             text COLLATE "C"    NOT NULL,
    month            text COLLATE "C"    NOT NULL,
    PRIMARY KEY (chain, seq)
);
CREATE INDEX rm_dispensings_atc_day ON rm_dispensings (atc, day);
CREATE INDEX rm_dispensings_day ON rm_dispensings (day);
CREATE INDEX rm_dispensings_pharmacy ON rm_dispensings (pharmacy, at);
CREATE INDEX rm_dispensings_patient ON rm_dispensings (patient, at);

CREATE TABLE rm_treatments (
    chain       text COLLATE "C"    PRIMARY KEY,
    seq         bigint NOT NULL,
    hash        text COLLATE "C"    NOT NULL,
    patient     text COLLATE "C"    NOT NULL,
    issuer      text COLLATE "C"    NOT NULL,
    created_at  text COLLATE "C"    NOT NULL,
    valid_until text COLLATE "C",
    cancelled   bigint NOT NULL DEFAULT 0
);
CREATE INDEX rm_treatments_patient ON rm_treatments (patient);

CREATE TABLE rm_medications (
    chain        text COLLATE "C"    NOT NULL,
    item         bigint NOT NULL,
    atc          text COLLATE "C",
    national     text COLLATE "C",
    name         text COLLATE "C"    NOT NULL,
    dose         text COLLATE "C"    NOT NULL,
    quantity     bigint NOT NULL,
    unit         text COLLATE "C"    NOT NULL,
    administered bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (chain, item)
);

CREATE TABLE rm_procedure_orders (
    chain     text COLLATE "C"    NOT NULL,
    procedure bigint NOT NULL,
    code      text COLLATE "C"    NOT NULL,
    name      text COLLATE "C"    NOT NULL,
    count     bigint NOT NULL,
    done      bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (chain, procedure)
);

CREATE TABLE rm_administrations (
    chain    text COLLATE "C"    NOT NULL,
    seq      bigint NOT NULL,
    hash     text COLLATE "C"    NOT NULL,
    item     bigint NOT NULL,
    quantity bigint NOT NULL,
    unit     text COLLATE "C"    NOT NULL,
    author   text COLLATE "C"    NOT NULL,
    at       text COLLATE "C"    NOT NULL,
    PRIMARY KEY (chain, seq)
);

CREATE TABLE rm_procedures (
    chain     text COLLATE "C"    NOT NULL,
    seq       bigint NOT NULL,
    hash      text COLLATE "C"    NOT NULL,
    procedure bigint NOT NULL,
    author    text COLLATE "C"    NOT NULL,
    at        text COLLATE "C"    NOT NULL,
    PRIMARY KEY (chain, seq)
);

-- Who read a patient's data (DOMAIN.md, Privacy). Not derived from entries, so never rebuilt:
-- an access log is a record of reads, kept append-only like the entries.
CREATE TABLE ddl_access_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient     text COLLATE "C"    NOT NULL,
    reader      text COLLATE "C"    NOT NULL,
    reader_role text COLLATE "C"    NOT NULL,
    field       text COLLATE "C"    NOT NULL,
    at          text COLLATE "C"    NOT NULL
);
CREATE INDEX ddl_access_log_patient ON ddl_access_log (patient, id);

CREATE FUNCTION ddl_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ddl_access_log is append-only';
END $$;
CREATE TRIGGER ddl_access_log_no_change BEFORE UPDATE OR DELETE ON ddl_access_log
    FOR EACH ROW EXECUTE FUNCTION ddl_access_log_append_only();
CREATE TRIGGER ddl_access_log_no_truncate BEFORE TRUNCATE ON ddl_access_log
    FOR EACH STATEMENT EXECUTE FUNCTION ddl_access_log_append_only();
