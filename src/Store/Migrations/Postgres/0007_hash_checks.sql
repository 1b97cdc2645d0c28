-- The same rule for ddl_entries.hash and .prev (64 lowercase hex digits), checked more cheaply.
-- PostgreSQL's regular expressions evaluate the bounded repeat of '^[0-9a-f]{64}$' slowly: about
-- 5 µs a value on the benchmark machine, twice for every entry written. A length and a negated
-- class take about 0.4 µs: 64 bytes of which none is outside [0-9a-f] are exactly 64 lowercase
-- hex digits. Adding the constraints checks every stored row once.
ALTER TABLE ddl_entries
    DROP CONSTRAINT ddl_entries_hash_check,
    DROP CONSTRAINT ddl_entries_prev_check,
    ADD CONSTRAINT ddl_entries_hash_check CHECK (octet_length(hash) = 64 AND hash !~ '[^0-9a-f]'),
    ADD CONSTRAINT ddl_entries_prev_check CHECK (octet_length(prev) = 64 AND prev !~ '[^0-9a-f]');
