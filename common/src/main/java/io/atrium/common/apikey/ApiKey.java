package io.atrium.common.apikey;

import java.time.Instant;
import java.util.UUID;

/** A key as its list shows it: never the secret, only its first 12 characters. */
public record ApiKey(
    UUID id,
    UUID organizationId,
    String name,
    String prefix,
    String role,
    UUID createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    Instant revokedAt) {}
