-- Work the ledger owes itself at a time: a prescription's expiry, a patient link still to write.
-- Rows are written before the work is due and deleted once it is done, so a crash in between
-- leaves the row behind and the work is picked up again (the work itself is idempotent).
CREATE TABLE ddl_schedule (
    chain  TEXT NOT NULL,
    kind   TEXT NOT NULL,
    due_at TEXT NOT NULL,
    CONSTRAINT ddl_schedule_key PRIMARY KEY (chain, kind)
) STRICT;

CREATE INDEX ddl_schedule_due ON ddl_schedule (due_at);
