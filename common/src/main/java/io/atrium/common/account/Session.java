package io.atrium.common.account;

import java.time.Instant;
import java.util.UUID;

/** One login on one device, with its own current workspace ({@code null}: personal). */
public record Session(
    UUID id,
    UUID userId,
    UUID currentOrganizationId,
    String userAgent,
    String ip,
    Instant createdAt,
    Instant lastSeenAt,
    Instant expiresAt,
    Instant revokedAt) {}
