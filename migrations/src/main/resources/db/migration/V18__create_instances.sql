-- GPU instances, their volumes at the provider, their state history and their cost periods.

CREATE TABLE instances (
    id                   uuid PRIMARY KEY,
    organization_id      uuid           NOT NULL REFERENCES organizations (id),
    name                 text           NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    provider             text           NOT NULL CHECK (provider IN ('scaleway', 'mock')),
    zone                 text           NOT NULL,
    instance_type        text           NOT NULL,
    model_id             uuid           REFERENCES models (id),
    -- the hourly price the instance was created at: its costs never follow a later price change
    hourly_price_eur     numeric(12, 6) NOT NULL CHECK (hourly_price_eur >= 0),
    data_volume_gb       integer        CHECK (data_volume_gb > 0),
    status               text           NOT NULL CHECK (status IN
        ('provisioning', 'booting', 'ready', 'terminating', 'terminated',
         'provisioning_failed', 'startup_failed', 'failed')),
    error_code           text,
    error_message        text,
    provider_instance_id text,
    ip_address           text,
    deletion_reason      text           CHECK (deletion_reason IN
        ('user_requested', 'provider_deleted', 'startup_failed', 'provisioning_failed',
         'reinstall', 'organization_deleted')),
    created_by           uuid           NOT NULL REFERENCES users (id),
    created_at           timestamptz    NOT NULL,
    updated_at           timestamptz    NOT NULL,
    booting_at           timestamptz,
    ready_at             timestamptz,
    terminated_at        timestamptz,
    tech_activated_by    uuid           REFERENCES users (id),
    tech_activated_at    timestamptz,
    eco_activated_by     uuid           REFERENCES users (id),
    eco_activated_at     timestamptz,
    is_operational       boolean        GENERATED ALWAYS AS
        (tech_activated_at IS NOT NULL AND eco_activated_at IS NOT NULL) STORED,
    FOREIGN KEY (provider, zone, instance_type) REFERENCES instance_types (provider, zone, code),
    CONSTRAINT instances_tech_activation_complete
        CHECK ((tech_activated_by IS NULL) = (tech_activated_at IS NULL)),
    CONSTRAINT instances_eco_activation_complete
        CHECK ((eco_activated_by IS NULL) = (eco_activated_at IS NULL)),
    CONSTRAINT instances_terminated_has_time
        CHECK (status <> 'terminated' OR terminated_at IS NOT NULL)
);
-- GET /instances?status= of one organization, newest first.
CREATE INDEX instances_by_organization ON instances (organization_id, created_at DESC, id);
-- instance.health (booting) and instance.watchdog (ready) read per organization and zone.
CREATE INDEX instances_live_by_status ON instances (status, organization_id, provider, zone)
    WHERE status IN ('provisioning', 'booting', 'ready', 'terminating');
CREATE UNIQUE INDEX instances_provider_instance_key ON instances (provider, zone, provider_instance_id)
    WHERE provider_instance_id IS NOT NULL;

-- The volumes Atrium created or adopted at the provider (and, with instance_id NULL, the tagged
-- orphans that volume.reconcile found). A row is never deleted: deleted_at and deletion_reason
-- record each deletion at the provider.
CREATE TABLE instance_volumes (
    id                  uuid PRIMARY KEY,
    organization_id     uuid        NOT NULL REFERENCES organizations (id),
    instance_id         uuid        REFERENCES instances (id),
    provider            text        NOT NULL CHECK (provider IN ('scaleway', 'mock')),
    zone                text        NOT NULL,
    provider_volume_id  text        NOT NULL,
    type                text        NOT NULL,
    size_bytes          bigint      NOT NULL CHECK (size_bytes > 0),
    boot                boolean     NOT NULL,
    delete_on_terminate boolean     NOT NULL,
    status              text        NOT NULL CHECK (status IN
        ('creating', 'available', 'attached', 'detached', 'deleting', 'deleted', 'orphaned', 'error')),
    deletion_reason     text        CHECK (deletion_reason IN
        ('instance_terminated', 'orphan', 'already_deleted_retry', 'user_requested')),
    deleted_at          timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT instance_volumes_orphan_has_no_instance
        CHECK (status <> 'orphaned' OR instance_id IS NULL),
    CONSTRAINT instance_volumes_deletion_complete
        CHECK ((status = 'deleted') = (deleted_at IS NOT NULL))
);
CREATE UNIQUE INDEX instance_volumes_provider_volume_key
    ON instance_volumes (provider, zone, provider_volume_id);
CREATE INDEX instance_volumes_by_instance ON instance_volumes (instance_id);
-- volume.reconcile compares one organization's volumes in one zone with the provider's listing.
CREATE INDEX instance_volumes_by_organization_zone ON instance_volumes (organization_id, provider, zone);

-- Every transition of an instance: from, to, reason, and who caused it (a person or a job).
CREATE TABLE instance_state_history (
    id              bigserial PRIMARY KEY,
    instance_id     uuid        NOT NULL REFERENCES instances (id),
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    from_status     text,
    to_status       text        NOT NULL,
    reason          text,
    actor_user_id   uuid        REFERENCES users (id),
    job_kind        text,
    job_id          bigint,
    at              timestamptz NOT NULL,
    CONSTRAINT instance_state_history_one_cause
        CHECK (actor_user_id IS NULL OR job_kind IS NULL)
);
CREATE INDEX instance_state_history_by_instance ON instance_state_history (instance_id, id);

-- Cost: each period an instance is billable, from booting to terminated, at the hourly price it
-- was created at (the start and stop cost events of one run as one row). A reinstall opens a new
-- period; at most one is open per instance. GET /finops/costs sums the overlap of each period
-- with the asked range.
CREATE TABLE instance_cost_periods (
    id               bigserial PRIMARY KEY,
    organization_id  uuid           NOT NULL REFERENCES organizations (id),
    instance_id      uuid           NOT NULL REFERENCES instances (id),
    instance_type    text           NOT NULL,
    hourly_price_eur numeric(12, 6) NOT NULL CHECK (hourly_price_eur >= 0),
    started_at       timestamptz    NOT NULL,
    stopped_at       timestamptz,
    CONSTRAINT instance_cost_periods_order CHECK (stopped_at IS NULL OR stopped_at >= started_at)
);
CREATE UNIQUE INDEX instance_cost_periods_open_key ON instance_cost_periods (instance_id)
    WHERE stopped_at IS NULL;
CREATE INDEX instance_cost_periods_by_organization
    ON instance_cost_periods (organization_id, started_at);
