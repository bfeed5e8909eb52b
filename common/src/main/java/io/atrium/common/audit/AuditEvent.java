package io.atrium.common.audit;

import java.util.Map;
import java.util.UUID;

/** One entry to append to the audit log. {@code organizationId} null: the platform's chain. */
public record AuditEvent(
    String action,
    UUID actorUserId,
    UUID organizationId,
    String targetType,
    String targetId,
    RequestOrigin origin,
    Map<String, Object> details) {

  public static AuditEvent of(String action, UUID actorUserId, RequestOrigin origin) {
    return new AuditEvent(action, actorUserId, null, null, null, origin, Map.of());
  }

  public AuditEvent organization(UUID value) {
    return new AuditEvent(action, actorUserId, value, targetType, targetId, origin, details);
  }

  public AuditEvent target(String type, Object id) {
    return new AuditEvent(
        action,
        actorUserId,
        organizationId,
        type,
        id == null ? null : id.toString(),
        origin,
        details);
  }

  public AuditEvent details(Map<String, Object> value) {
    return new AuditEvent(action, actorUserId, organizationId, targetType, targetId, origin, value);
  }
}
