-- The head of each audit chain: its last entry's hash and its number of entries, one row per
-- organization (and one for the platform). The chain trigger looked the previous entry up with
-- "organization_id IS NOT DISTINCT FROM", which no index serves: at 200,000 entries a new
-- organization's first entry scanned the whole log under the chain's lock. It now reads and
-- moves the head by primary key, whatever the size of the log; the pages of an organization's
-- log read their total from it instead of counting the entries.
--
-- The hash of an entry is unchanged (audit_log_entry_hash of V4), so chains written before and
-- after this migration verify alike.

CREATE TABLE audit_chain_heads (
    -- The organization's id as text, or 'platform': the key of the chain's advisory lock.
    chain           text PRIMARY KEY,
    organization_id uuid,
    last_seq        bigint NOT NULL,
    hash            bytea  NOT NULL,
    entries         bigint NOT NULL
);

INSERT INTO audit_chain_heads (chain, organization_id, last_seq, hash, entries)
SELECT DISTINCT ON (organization_id)
       coalesce(organization_id::text, 'platform'), organization_id, seq, hash,
       count(*) OVER (PARTITION BY organization_id)
  FROM audit_log
 ORDER BY organization_id, seq DESC;

CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    chain_key text := coalesce(NEW.organization_id::text, 'platform');
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || chain_key, 0));
    -- Numbered under the lock, so that order by seq is the chain's order.
    NEW.seq := nextval(pg_get_serial_sequence('audit_log', 'seq'));
    SELECT hash INTO NEW.prev_hash FROM audit_chain_heads WHERE chain = chain_key;
    NEW.hash := audit_log_entry_hash(NEW.prev_hash, NEW);
    -- Moved in the inserting transaction: should the insert fail, the head does not move.
    INSERT INTO audit_chain_heads (chain, organization_id, last_seq, hash, entries)
    VALUES (chain_key, NEW.organization_id, NEW.seq, NEW.hash, 1)
    ON CONFLICT (chain) DO UPDATE
       SET last_seq = EXCLUDED.last_seq, hash = EXCLUDED.hash,
           entries = audit_chain_heads.entries + 1;
    RETURN NEW;
END
$$;

