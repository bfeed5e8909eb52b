-- The audit log's end cannot vanish silently: TRUNCATE is refused like UPDATE and DELETE, and
-- each organization's chain head is checkpointed by the application (signed with a key derived
-- from the server's secrets, so the database alone cannot forge one). Verification compares the
-- chain with the latest checkpoint: a deleted tail or a truncation shows as missing entries.
-- The chain trigger of V4 is left as it is.

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- entries: how many entries the chain had up to and including last_seq; last_hash: the hash of
-- that entry. signature: HMAC-SHA256 over the other fields under the key named by key_id.
CREATE TABLE audit_checkpoints (
    id              bigserial PRIMARY KEY,
    organization_id uuid        NOT NULL,
    entries         bigint      NOT NULL CHECK (entries > 0),
    last_seq        bigint      NOT NULL,
    last_hash       bytea       NOT NULL,
    key_id          text        NOT NULL,
    signature       bytea       NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX audit_checkpoints_latest ON audit_checkpoints (organization_id, id DESC);

CREATE FUNCTION audit_checkpoints_insert_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_checkpoints is insert-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_checkpoints_insert_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_insert_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_insert_only();
