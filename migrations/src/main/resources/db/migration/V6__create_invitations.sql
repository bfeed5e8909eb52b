-- Invitations by email. The token is only in the email; the database keeps its SHA-256.
-- 'expired' is written lazily: a pending invitation past expires_at is expired whatever it says.

CREATE TABLE invitations (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email           text        NOT NULL CHECK (email = lower(email)),
    role            text        NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'user')),
    token_hash      bytea       NOT NULL UNIQUE,
    status          text        NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'accepted', 'revoked', 'expired')),
    invited_by      uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    accepted_at     timestamptz,
    accepted_by     uuid        REFERENCES users (id) ON DELETE SET NULL,
    revoked_at      timestamptz
);
-- At most one pending invitation per organization and email.
CREATE UNIQUE INDEX invitations_one_pending ON invitations (organization_id, email) WHERE status = 'pending';
CREATE INDEX invitations_by_organization ON invitations (organization_id, created_at DESC);
