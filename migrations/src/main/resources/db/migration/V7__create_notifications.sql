-- Notifications: one row per send, its recipients resolved at send time, and the in-app copies.

CREATE TABLE notifications (
    id                 uuid PRIMARY KEY,
    type               text        NOT NULL CHECK (type IN ('platform_to_users', 'platform_to_org_owners',
                                   'system_alerts', 'org_to_prospects', 'org_owner_to_members')),
    sender_user_id     uuid        REFERENCES users (id) ON DELETE SET NULL,
    organization_id    uuid        REFERENCES organizations (id),
    subject            text        NOT NULL,
    body               text        NOT NULL,
    body_html          text,
    action_url         text,
    action_text        text,
    recipient_count    integer     NOT NULL,
    -- The fan-out job's progress: recipients up to this email are done (resumable after a crash).
    fanned_out_through text,
    fanned_out_at      timestamptz,
    created_at         timestamptz NOT NULL
);
CREATE INDEX notifications_prospects_by_day ON notifications (organization_id, created_at)
    WHERE type = 'org_to_prospects';

CREATE TABLE notification_recipients (
    notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    email           text NOT NULL,
    user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (notification_id, email)
);

CREATE TABLE user_notifications (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    notification_id uuid        NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL,
    read_at         timestamptz,
    UNIQUE (notification_id, user_id)
);
CREATE INDEX user_notifications_by_user ON user_notifications (user_id, created_at DESC);
CREATE INDEX user_notifications_unread ON user_notifications (user_id, created_at DESC) WHERE read_at IS NULL;
