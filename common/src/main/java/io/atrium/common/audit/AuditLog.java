package io.atrium.common.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Appends to the audit log in the caller's transaction, so an entry exists if and only if the
 * change committed. The database chains each entry to the previous one of its organization.
 */
public final class AuditLog {
  private final ObjectMapper mapper;
  private final Clock clock;

  @Inject
  public AuditLog(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  public UUID record(Handle handle, AuditEvent event) {
    UUID id = UUID.randomUUID();
    RequestOrigin origin = event.origin() == null ? RequestOrigin.SYSTEM : event.origin();
    handle
        .attach(AuditDao.class)
        .insert(
            id,
            clock.instant(),
            event.actorUserId(),
            event.organizationId(),
            event.action(),
            event.targetType(),
            event.targetId(),
            origin.ip(),
            origin.requestId(),
            json(event));
    return id;
  }

  private String json(AuditEvent event) {
    try {
      return mapper.writeValueAsString(
          event.details() == null ? java.util.Map.of() : event.details());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit details are not serializable", e);
    }
  }
}
