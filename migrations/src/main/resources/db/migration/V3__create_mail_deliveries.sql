-- One row per logical email (its message key) once its fate is known: sent, or refused for good.
-- A retried mail.send job finds the row and does not send a second copy.
CREATE TABLE mail_deliveries (
    message_key   text PRIMARY KEY,
    -- the deterministic Message-ID header, so that a receiver can drop a duplicate
    message_id    text        NOT NULL,
    recipient     text        NOT NULL,
    template      text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('sent', 'failed')),
    -- the SMTP server's reply refusing the message, e.g. '550 5.1.1 no such user'
    smtp_response text,
    attempts      integer     NOT NULL CHECK (attempts >= 1),
    created_at    timestamptz NOT NULL,
    sent_at       timestamptz,
    CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);

-- "Emails sent in the last 24 h" of the admin overview.
CREATE INDEX mail_deliveries_sent_at ON mail_deliveries (sent_at) WHERE status = 'sent';
