-- Accounts, sessions, single-use tokens, shared rate-limit buckets and the audit log.

CREATE TABLE users (
    id                uuid PRIMARY KEY,
    email             text        NOT NULL CHECK (email = lower(email)),
    display_name      text,
    password_hash     text        NOT NULL,
    email_verified_at timestamptz,
    platform_role     text        CHECK (platform_role IN ('platform_admin')),
    status            text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- A session is one login on one device. Its current workspace is an organization or NULL
-- (personal); the foreign key arrives with the organizations.
CREATE TABLE sessions (
    id                      uuid PRIMARY KEY,
    user_id                 uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    current_organization_id uuid,
    user_agent              text,
    ip                      text,
    created_at              timestamptz NOT NULL,
    last_seen_at            timestamptz NOT NULL,
    expires_at              timestamptz NOT NULL,
    revoked_at              timestamptz,
    revoked_reason          text
);
CREATE INDEX sessions_live_by_user ON sessions (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens of a session (its family), stored only as SHA-256. A spent token presented
-- again after the grace window revokes the session.
CREATE TABLE refresh_tokens (
    token_hash  bytea PRIMARY KEY,
    session_id  uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    spent_at    timestamptz
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);

-- Email verification and password reset tokens: hashed, single-use, expiring.
CREATE TABLE user_tokens (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose        text        NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    token_hash     bytea       NOT NULL UNIQUE,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    invalidated_at timestamptz
);
CREATE INDEX user_tokens_open_by_user ON user_tokens (user_id, purpose)
    WHERE used_at IS NULL AND invalidated_at IS NULL;

-- Bucket4j's table: token buckets shared by every web process.
CREATE TABLE rate_limit_buckets (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX rate_limit_buckets_expiry ON rate_limit_buckets (expires_at);

-- The audit log: append-only, one hash chain per organization (NULL: the platform's chain).
CREATE TABLE audit_log (
    seq             bigserial PRIMARY KEY,
    id              uuid        NOT NULL UNIQUE,
    at              timestamptz NOT NULL,
    actor_user_id   uuid,
    organization_id uuid,
    action          text        NOT NULL,
    target_type     text,
    target_id       text,
    ip              text,
    request_id      text,
    details         jsonb       NOT NULL DEFAULT '{}',
    prev_hash       bytea,
    hash            bytea       NOT NULL
);
CREATE INDEX audit_log_by_organization ON audit_log (organization_id, seq);
CREATE INDEX audit_log_by_at ON audit_log (at DESC);

CREATE FUNCTION audit_log_entry_hash(prev bytea, e audit_log) RETURNS bytea
    LANGUAGE sql STABLE AS
$$
SELECT sha256(coalesce(prev, ''::bytea) || convert_to(concat_ws('|',
    e.id::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    coalesce(e.actor_user_id::text, ''), coalesce(e.organization_id::text, ''), e.action,
    coalesce(e.target_type, ''), coalesce(e.target_id, ''), coalesce(e.ip, ''),
    coalesce(e.request_id, ''), e.details::text), 'UTF8'))
$$;

-- Links each entry to the previous one of its chain. Entries of one chain are serialized by a
-- transaction-scoped advisory lock, so concurrent writers cannot fork the chain.
CREATE FUNCTION audit_log_chain() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || coalesce(NEW.organization_id::text, 'platform'), 0));
    -- Numbered under the lock, so that order by seq is the chain's order.
    NEW.seq := nextval(pg_get_serial_sequence('audit_log', 'seq'));
    SELECT hash INTO NEW.prev_hash FROM audit_log
     WHERE organization_id IS NOT DISTINCT FROM NEW.organization_id
     ORDER BY seq DESC LIMIT 1;
    NEW.hash := audit_log_entry_hash(NEW.prev_hash, NEW);
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

CREATE FUNCTION audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
