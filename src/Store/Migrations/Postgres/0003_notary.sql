-- The notary's Merkle log (PROTOCOL.md section 5; see src/Store/Notary).
--
-- ddl_unsealed is an outbox: every entry insert adds its row in the same statement (so the same
-- commit), and each seal deletes the rows it seals in its own transaction. "Every entry committed
-- since the last seal" is then simply "the rows still here", with no reliance on positions being
-- committed in order (identity values are drawn at insert, not at commit). A seal that fails rolls
-- its DELETE back with everything else, so no entry is skipped or sealed twice.
CREATE TABLE ddl_unsealed (
    position bigint PRIMARY KEY,
    chain    text COLLATE "C" NOT NULL,
    seq      bigint NOT NULL,
    hash     text   NOT NULL
);

-- Entries written before this migration are owed to the log too: the first seals take them.
INSERT INTO ddl_unsealed (position, chain, seq, hash)
SELECT position, chain, seq, hash FROM ddl_entries;

-- The log's leaves: each sealed entry's place (by its store position, the entries' primary key)
-- and its leaf hash SHA-256(0x00 || JCS({chain, hash, seq})), which is the level-0 subtree.
-- position is unique: an entry is never sealed twice. A bigint key rather than (chain, seq) keeps
-- the seal's bulk insert cheap; (chain, seq) -> leaf goes through ddl_entries.
CREATE TABLE ddl_leaves (
    leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
    position   bigint NOT NULL,
    hash       bytea  NOT NULL CHECK (octet_length(hash) = 32),
    CONSTRAINT ddl_leaves_position_key UNIQUE (position)
);

-- Every other perfect subtree of the log as it completes: 2^level leaves from leaf idx * 2^level.
-- With the leaves, any proof or root needs O(log n) of these rows, never a rehash of leaves.
CREATE TABLE ddl_merkle_nodes (
    level smallint NOT NULL CHECK (level BETWEEN 1 AND 62),
    idx   bigint   NOT NULL CHECK (idx >= 0),
    hash  bytea    NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, idx)
);

-- Signed checkpoints. canonical_json is the exact JCS text the signature covers; the other
-- columns repeat its fields for queries.
CREATE TABLE ddl_checkpoints (
    number         bigint PRIMARY KEY CHECK (number >= 1),
    size           bigint NOT NULL CHECK (size >= 0),
    root           text   NOT NULL,
    sealed_at      text   NOT NULL,
    key_id         text   NOT NULL,
    sig            text   NOT NULL,
    canonical_json text   NOT NULL
);

-- The log is append-only like the entries: the database refuses changes, whoever asks.
CREATE FUNCTION ddl_notary_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER ddl_leaves_no_update_or_delete BEFORE UPDATE OR DELETE ON ddl_leaves
    FOR EACH ROW EXECUTE FUNCTION ddl_notary_refuse_change();
CREATE TRIGGER ddl_leaves_no_truncate BEFORE TRUNCATE ON ddl_leaves
    FOR EACH STATEMENT EXECUTE FUNCTION ddl_notary_refuse_change();
CREATE TRIGGER ddl_merkle_nodes_no_update_or_delete BEFORE UPDATE OR DELETE ON ddl_merkle_nodes
    FOR EACH ROW EXECUTE FUNCTION ddl_notary_refuse_change();
CREATE TRIGGER ddl_merkle_nodes_no_truncate BEFORE TRUNCATE ON ddl_merkle_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION ddl_notary_refuse_change();
CREATE TRIGGER ddl_checkpoints_no_update_or_delete BEFORE UPDATE OR DELETE ON ddl_checkpoints
    FOR EACH ROW EXECUTE FUNCTION ddl_notary_refuse_change();
CREATE TRIGGER ddl_checkpoints_no_truncate BEFORE TRUNCATE ON ddl_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION ddl_notary_refuse_change();
