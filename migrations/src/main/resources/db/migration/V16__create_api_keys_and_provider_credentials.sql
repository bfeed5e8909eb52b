-- API keys and provider credentials: the secrets an organization (or a user) holds.

-- An API key acts in one workspace: an organization (organization_id set, with a role no higher
-- than its creator's) or its creator's personal workspace (organization_id NULL, no role). Only
-- an HMAC-SHA256 of the key under a pepper derived from CREDENTIALS_ENCRYPTION_KEY is stored,
-- with the version of that pepper; a request finds its key in one lookup of key_hash, which
-- also reads what it needs (workspace, role, revoked, expiry). An organization key belongs to
-- the organization: it keeps working after its creator leaves.
CREATE TABLE api_keys (
    id              uuid PRIMARY KEY,
    organization_id uuid        REFERENCES organizations (id) ON DELETE CASCADE,
    created_by      uuid        NOT NULL REFERENCES users (id),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix          text        NOT NULL CHECK (length(prefix) = 12 AND prefix LIKE 'atr\_%'),
    key_hash        bytea       NOT NULL CHECK (length(key_hash) = 32),
    pepper_version  text        NOT NULL,
    role            text        CHECK (role IN ('owner', 'admin', 'manager', 'user')),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    last_used_at    timestamptz,
    revoked_at      timestamptz,
    revoked_by      uuid        REFERENCES users (id),
    CONSTRAINT api_keys_role_in_organization_only
        CHECK ((organization_id IS NULL) = (role IS NULL)),
    CONSTRAINT api_keys_expiry_after_creation CHECK (expires_at > created_at),
    CONSTRAINT api_keys_revocation_complete CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL)
);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_by_organization ON api_keys (organization_id, created_at DESC, id)
    WHERE organization_id IS NOT NULL;
CREATE INDEX api_keys_personal_by_user ON api_keys (created_by, created_at DESC, id)
    WHERE organization_id IS NULL;

-- One organization's credentials per provider ('mock' needs none). The secret key is encrypted
-- in the application with AES-256-GCM, the organization id as associated data, and the version
-- of the key that encrypted it beside it, so that a rotation finds what is not yet under the
-- newest key. The database never sees the plaintext: secret_key_last4 is what GET /providers
-- shows.
CREATE TABLE provider_credentials (
    organization_id   uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    provider          text        NOT NULL CHECK (provider IN ('scaleway')),
    project_id        text        NOT NULL CHECK (project_id <> ''),
    access_key        text,
    default_zone      text,
    secret_ciphertext bytea       NOT NULL CHECK (length(secret_ciphertext) > 28),
    key_version       text        NOT NULL,
    secret_key_last4  text        NOT NULL CHECK (length(secret_key_last4) <= 4),
    created_by        uuid        REFERENCES users (id),
    updated_by        uuid        REFERENCES users (id),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (organization_id, provider)
);
CREATE INDEX provider_credentials_by_key_version ON provider_credentials (key_version);
