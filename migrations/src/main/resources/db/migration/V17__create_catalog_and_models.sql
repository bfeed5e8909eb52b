-- The instance-type catalog (platform-wide, kept by provider.catalog_sync) and the models.

-- One commercial type of one provider in one zone. Sizes are kept in bytes as the provider
-- gives them (the API shows GiB, bytes / 2^30). A type that vanishes from the provider's
-- catalog becomes inactive and is never deleted: instances keep referring to it.
-- availability is NULL when the provider's availability list did not name the type.
CREATE TABLE instance_types (
    provider           text           NOT NULL CHECK (provider IN ('scaleway', 'mock')),
    zone               text           NOT NULL CHECK (zone <> ''),
    code               text           NOT NULL CHECK (code <> ''),
    name               text           NOT NULL,
    hourly_price_eur   numeric(12, 6) NOT NULL CHECK (hourly_price_eur >= 0),
    cpus               integer        NOT NULL CHECK (cpus >= 0),
    ram_bytes          bigint         NOT NULL CHECK (ram_bytes >= 0),
    gpus               integer        NOT NULL DEFAULT 0 CHECK (gpus >= 0),
    gpu_name           text,
    vram_per_gpu_bytes bigint         CHECK (vram_per_gpu_bytes >= 0),
    availability       text           CHECK (availability IN ('available', 'scarce', 'shortage')),
    is_active          boolean        NOT NULL DEFAULT true,
    first_seen_at      timestamptz    NOT NULL,
    synced_at          timestamptz    NOT NULL,
    deactivated_at     timestamptz,
    PRIMARY KEY (provider, zone, code),
    CONSTRAINT instance_types_deactivation CHECK (is_active = (deactivated_at IS NULL))
);
-- GET /catalog/instance-types lists active types by default, filtered by provider and zone.
CREATE INDEX instance_types_active ON instance_types (provider, zone, code) WHERE is_active;

-- Public models (organization_id NULL, managed by the platform admin) and an organization's
-- own. Technical and economic activation each record who and when; a model is operational
-- while both are set. Deleting a model is soft, so that instances keep their reference.
CREATE TABLE models (
    id                uuid PRIMARY KEY,
    visibility        text        NOT NULL CHECK (visibility IN ('public', 'organization')),
    organization_id   uuid        REFERENCES organizations (id) ON DELETE CASCADE,
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    code              text        NOT NULL CHECK (length(code) BETWEEN 1 AND 100),
    description       text,
    created_by        uuid        NOT NULL REFERENCES users (id),
    tech_activated_by uuid        REFERENCES users (id),
    tech_activated_at timestamptz,
    eco_activated_by  uuid        REFERENCES users (id),
    eco_activated_at  timestamptz,
    is_operational    boolean     GENERATED ALWAYS AS
        (tech_activated_at IS NOT NULL AND eco_activated_at IS NOT NULL) STORED,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    deleted_at        timestamptz,
    CONSTRAINT models_visibility_matches_owner
        CHECK ((visibility = 'public') = (organization_id IS NULL)),
    CONSTRAINT models_tech_activation_complete
        CHECK ((tech_activated_by IS NULL) = (tech_activated_at IS NULL)),
    CONSTRAINT models_eco_activation_complete
        CHECK ((eco_activated_by IS NULL) = (eco_activated_at IS NULL))
);
CREATE UNIQUE INDEX models_public_code_key ON models (code)
    WHERE organization_id IS NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX models_organization_code_key ON models (organization_id, code)
    WHERE organization_id IS NOT NULL AND deleted_at IS NULL;
-- GET /models: the public ones plus the current organization's, newest first.
CREATE INDEX models_listed ON models (organization_id, created_at DESC, id) WHERE deleted_at IS NULL;
