package io.atrium.api.organization;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.atrium.common.audit.AuditEntry;
import java.time.Instant;
import java.util.UUID;

/** An audit entry as the organization and admin audit routes show it. */
public record AuditEntryResponse(
    UUID id,
    Instant at,
    UUID actorUserId,
    UUID organizationId,
    String action,
    String targetType,
    String targetId,
    String ip,
    String requestId,
    @JsonRawValue String details) {

  public static AuditEntryResponse from(AuditEntry e) {
    return new AuditEntryResponse(
        e.id(),
        e.at(),
        e.actorUserId(),
        e.organizationId(),
        e.action(),
        e.targetType(),
        e.targetId(),
        e.ip(),
        e.requestId(),
        e.details());
  }
}
