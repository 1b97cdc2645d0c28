-- The append-only entry store (ARCHITECTURE.md, Storage).
-- position: an identity (bigserial's standard form). Values are drawn at insert, not at commit,
-- so concurrent transactions can commit them out of order, and a rejected insert burns one:
-- position is a commit-ish order, neither gap-free nor strictly commit order.
-- chain is COLLATE "C" so that ORDER BY chain is byte order (ordinal for these ASCII ids),
-- whatever the database's default collation.
-- hash and prev are text with a format check rather than char(64): char pads short values with
-- blanks and would hide a wrong hash instead of refusing it.
-- The two named UNIQUE constraints are the whole concurrency story, and their names are how the
-- store tells a lost (chain, seq) race from a nonce resubmission.
CREATE TABLE ddl_entries (
    position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain          text COLLATE "C" NOT NULL,
    seq            bigint NOT NULL CHECK (seq >= 0),
    hash           text   NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    prev           text   NOT NULL CHECK (prev ~ '^[0-9a-f]{64}$'),
    author         text   NOT NULL,
    nonce          text   NOT NULL,
    type           text   NOT NULL,
    recorded_at    text   NOT NULL,
    canonical_json text   NOT NULL,
    CONSTRAINT ddl_entries_chain_seq_key UNIQUE (chain, seq),
    CONSTRAINT ddl_entries_author_nonce_key UNIQUE (author, nonce)
);

-- Entries are never updated, deleted or truncated; the database refuses it too, whoever asks.
CREATE FUNCTION ddl_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ddl_entries is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER ddl_entries_no_update_or_delete BEFORE UPDATE OR DELETE ON ddl_entries
    FOR EACH ROW EXECUTE FUNCTION ddl_entries_refuse_change();

CREATE TRIGGER ddl_entries_no_truncate BEFORE TRUNCATE ON ddl_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ddl_entries_refuse_change();
