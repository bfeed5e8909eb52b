-- Account security: failed logins counted per (account, address) and per account, refresh-token
-- successors, and wallets that cannot go negative.

-- Failed logins (and failed current passwords of change-password) by email as typed, known or
-- not, so the answers tell nothing about which emails have an account. address '' is the
-- account-wide count across all addresses; any other value is one client address.
CREATE TABLE login_failures (
    email             text        NOT NULL,
    address           text        NOT NULL,
    failures          integer     NOT NULL CHECK (failures > 0),
    window_started_at timestamptz NOT NULL,
    last_failed_at    timestamptz NOT NULL,
    PRIMARY KEY (email, address)
);
CREATE INDEX login_failures_by_last_failure ON login_failures (last_failed_at);

-- The hash of the token that replaced a spent one. The successor itself is derived from the
-- spent token with a server key (HMAC), never stored: a replay within the grace recomputes the
-- same successor instead of opening a second chain.
ALTER TABLE refresh_tokens ADD COLUMN successor_hash bytea;

-- The migration fails on a negative balance already stored: an operator decides what it
-- should be, the migration does not guess.
ALTER TABLE organizations
    ADD CONSTRAINT organizations_wallet_not_negative CHECK (wallet_balance_eur >= 0);
