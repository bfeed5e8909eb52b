-- The platform operator's own organization (PLATFORM_ORGANIZATION_NAME), created once by the first
-- web process to start: at most one row, so that web processes starting together agree on one
-- organization. credentials_seeded_at records that the platform's Scaleway key was offered to it
-- once; after that, what its owners do with the organization's credentials is theirs (a deleted
-- key is not put back at the next start).
CREATE TABLE platform_organization (
    singleton             boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    organization_id       uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_at            timestamptz NOT NULL,
    credentials_seeded_at timestamptz
);
