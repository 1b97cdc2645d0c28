-- The notary's Merkle log (PROTOCOL.md section 5; see src/Store/Notary). Same shape as on
-- PostgreSQL: an outbox filled in each entry's own transaction and drained by the seal's, the
-- leaves (entry position and leaf hash), every larger perfect subtree hash, and the signed checkpoints.
CREATE TABLE ddl_unsealed (
    position INTEGER PRIMARY KEY,
    chain    TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    hash     TEXT    NOT NULL
) STRICT;

-- Entries written before this migration are owed to the log too: the first seals take them.
INSERT INTO ddl_unsealed (position, chain, seq, hash)
SELECT position, chain, seq, hash FROM ddl_entries;

-- Leaves: each sealed entry's place (by its store position) and its leaf hash (the level-0 subtree).
CREATE TABLE ddl_leaves (
    leaf_index INTEGER PRIMARY KEY CHECK (leaf_index >= 0),
    position   INTEGER NOT NULL,
    hash       BLOB    NOT NULL CHECK (length(hash) = 32),
    CONSTRAINT ddl_leaves_position_key UNIQUE (position)
) STRICT;

-- Every other perfect subtree: 2^level leaves from leaf idx * 2^level.
CREATE TABLE ddl_merkle_nodes (
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 62),
    idx   INTEGER NOT NULL CHECK (idx >= 0),
    hash  BLOB    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE ddl_checkpoints (
    number         INTEGER PRIMARY KEY CHECK (number >= 1),
    size           INTEGER NOT NULL CHECK (size >= 0),
    root           TEXT    NOT NULL,
    sealed_at      TEXT    NOT NULL,
    key_id         TEXT    NOT NULL,
    sig            TEXT    NOT NULL,
    canonical_json TEXT    NOT NULL
) STRICT;

-- The log is append-only like the entries.
CREATE TRIGGER ddl_leaves_no_update BEFORE UPDATE ON ddl_leaves
BEGIN SELECT RAISE(ABORT, 'ddl_leaves is append-only'); END;
CREATE TRIGGER ddl_leaves_no_delete BEFORE DELETE ON ddl_leaves
BEGIN SELECT RAISE(ABORT, 'ddl_leaves is append-only'); END;
CREATE TRIGGER ddl_merkle_nodes_no_update BEFORE UPDATE ON ddl_merkle_nodes
BEGIN SELECT RAISE(ABORT, 'ddl_merkle_nodes is append-only'); END;
CREATE TRIGGER ddl_merkle_nodes_no_delete BEFORE DELETE ON ddl_merkle_nodes
BEGIN SELECT RAISE(ABORT, 'ddl_merkle_nodes is append-only'); END;
CREATE TRIGGER ddl_checkpoints_no_update BEFORE UPDATE ON ddl_checkpoints
BEGIN SELECT RAISE(ABORT, 'ddl_checkpoints is append-only'); END;
CREATE TRIGGER ddl_checkpoints_no_delete BEFORE DELETE ON ddl_checkpoints
BEGIN SELECT RAISE(ABORT, 'ddl_checkpoints is append-only'); END;
