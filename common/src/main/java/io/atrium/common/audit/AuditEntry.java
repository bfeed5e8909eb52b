package io.atrium.common.audit;

import java.time.Instant;
import java.util.UUID;

/** An entry as the audit routes show it; {@code details} is the stored JSON text. */
public record AuditEntry(
    UUID id,
    Instant at,
    UUID actorUserId,
    UUID organizationId,
    String action,
    String targetType,
    String targetId,
    String ip,
    String requestId,
    String details) {}
