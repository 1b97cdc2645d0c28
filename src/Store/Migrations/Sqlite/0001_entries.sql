-- The append-only entry store (ARCHITECTURE.md, Storage).
-- position: INTEGER PRIMARY KEY AUTOINCREMENT never hands out a value twice, and the store
-- serializes writers, so on SQLite position order is commit order.
-- The two UNIQUE constraints are the whole concurrency story: (chain, seq) makes a lost race or
-- a second writer fail instead of forking a chain; (author, nonce) makes a resubmission
-- idempotent. STRICT makes SQLite refuse a value of the wrong type instead of storing it.
CREATE TABLE ddl_entries (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    chain          TEXT    NOT NULL,
    seq            INTEGER NOT NULL CHECK (seq >= 0),
    hash           TEXT    NOT NULL CHECK (length(hash) = 64),
    prev           TEXT    NOT NULL CHECK (length(prev) = 64),
    author         TEXT    NOT NULL,
    nonce          TEXT    NOT NULL,
    type           TEXT    NOT NULL,
    recorded_at    TEXT    NOT NULL,
    canonical_json TEXT    NOT NULL,
    CONSTRAINT ddl_entries_chain_seq_key UNIQUE (chain, seq),
    CONSTRAINT ddl_entries_author_nonce_key UNIQUE (author, nonce)
) STRICT;

-- Entries are never updated or deleted; the database refuses it too, whoever asks.
CREATE TRIGGER ddl_entries_no_update BEFORE UPDATE ON ddl_entries
BEGIN
    SELECT RAISE(ABORT, 'ddl_entries is append-only: entries are never updated');
END;

CREATE TRIGGER ddl_entries_no_delete BEFORE DELETE ON ddl_entries
BEGIN
    SELECT RAISE(ABORT, 'ddl_entries is append-only: entries are never deleted');
END;
