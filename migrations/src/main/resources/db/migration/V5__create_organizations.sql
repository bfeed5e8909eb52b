-- Organizations and memberships. Invitations come in their own migration.

CREATE TABLE organizations (
    id                uuid PRIMARY KEY,
    name              text          NOT NULL,
    slug              text          NOT NULL,
    subscription_plan text          NOT NULL DEFAULT 'free' CHECK (subscription_plan IN ('free', 'subscriber')),
    status            text          NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    wallet_balance_eur numeric(14, 2) NOT NULL DEFAULT 0,
    sidebar_color     text,
    created_at        timestamptz   NOT NULL,
    updated_at        timestamptz   NOT NULL,
    deleted_at        timestamptz
);
-- A deleted organization's slug stays taken: links and audit entries keep naming it.
CREATE UNIQUE INDEX organizations_slug_key ON organizations (slug);

CREATE TABLE memberships (
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            text        NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'user')),
    joined_at       timestamptz NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

ALTER TABLE sessions
    ADD CONSTRAINT sessions_current_organization_fkey
    FOREIGN KEY (current_organization_id) REFERENCES organizations (id);
CREATE INDEX sessions_live_by_organization ON sessions (current_organization_id)
    WHERE revoked_at IS NULL AND current_organization_id IS NOT NULL;
