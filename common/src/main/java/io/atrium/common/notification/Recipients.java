package io.atrium.common.notification;

import io.atrium.common.error.FieldError;
import io.atrium.common.error.InvalidException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Resolves who a notification goes to, straight into notification_recipients, in SQL. */
final class Recipients {
  private static final String ACTIVE_USER = "u.status = 'active'";
  private static final String LIVE_ORG = "o.deleted_at IS NULL AND o.status = 'active'";

  private final Handle handle;

  Recipients(Handle handle) {
    this.handle = handle;
  }

  int resolve(
      UUID id,
      NotificationType type,
      UUID organizationId,
      NotificationRequest request,
      List<String> listed) {
    return switch (type) {
      case PLATFORM_TO_USERS ->
          request.allRecipients()
              ? insertSelect(id, "SELECT u.email, u.id FROM users u WHERE " + ACTIVE_USER, null)
              : listedUsers(id, listed);
      case PLATFORM_TO_ORG_OWNERS -> owners(id, request.organizationIds());
      case SYSTEM_ALERTS ->
          insertSelect(
              id,
              "SELECT DISTINCT u.email, u.id FROM users u WHERE "
                  + ACTIVE_USER
                  + " AND (u.platform_role = 'platform_admin'"
                  + " OR EXISTS (SELECT 1 FROM memberships m JOIN organizations o ON o.id = m.organization_id"
                  + "            WHERE m.user_id = u.id AND m.role = 'owner' AND o.deleted_at IS NULL))",
              null);
      case ORG_TO_PROSPECTS -> insertProspects(id, listed);
      case ORG_OWNER_TO_MEMBERS ->
          insertSelect(
              id,
              "SELECT u.email, u.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = :organization AND "
                  + ACTIVE_USER,
              organizationId);
    };
  }

  private int owners(UUID id, List<UUID> organizationIds) {
    if (organizationIds == null) {
      return insertSelect(
          id,
          "SELECT DISTINCT u.email, u.id FROM memberships m JOIN users u ON u.id = m.user_id JOIN organizations o ON o.id = m.organization_id"
              + " WHERE m.role = 'owner' AND "
              + LIVE_ORG
              + " AND "
              + ACTIVE_USER,
          null);
    }
    List<UUID> unknown =
        handle
            .createQuery(
                "SELECT x FROM unnest(:ids) AS x WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = x AND o.deleted_at IS NULL)")
            .bindArray("ids", UUID.class, organizationIds)
            .mapTo(UUID.class)
            .list();
    if (!unknown.isEmpty()) {
      throw InvalidException.field("organization_ids", "unknown organizations: " + unknown);
    }
    return handle
        .createUpdate(
            """
            INSERT INTO notification_recipients (notification_id, email, user_id)
            SELECT DISTINCT :id, u.email, u.id FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.role = 'owner' AND m.organization_id = ANY(:ids) AND u.status = 'active'
            ON CONFLICT DO NOTHING
            """)
        .bind("id", id)
        .bindArray("ids", UUID.class, organizationIds)
        .execute();
  }

  /** Listed emails of users: every one must have an account. */
  private int listedUsers(UUID id, List<String> emails) {
    List<String> unknown =
        handle
            .createQuery(
                "SELECT e FROM unnest(:emails) AS e WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.email = e)")
            .bindArray("emails", String.class, emails)
            .mapTo(String.class)
            .list();
    if (!unknown.isEmpty()) {
      List<FieldError> errors = new ArrayList<>();
      unknown.forEach(email -> errors.add(new FieldError("recipients", email + " has no account")));
      throw new InvalidException(errors);
    }
    return insertListed(id, emails);
  }

  /** Addresses as given, linked to their accounts where they have one (for the in-app copy). */
  private int insertListed(UUID id, List<String> emails) {
    return handle
        .createUpdate(
            """
            INSERT INTO notification_recipients (notification_id, email, user_id)
            SELECT :id, e, (SELECT u.id FROM users u WHERE u.email = e AND u.status = 'active')
              FROM unnest(:emails) AS e
            ON CONFLICT DO NOTHING
            """)
        .bind("id", id)
        .bindArray("emails", String.class, emails)
        .execute();
  }

  /**
   * Outside addresses, never linked to an account: a prospect who has one gets the email only, no
   * in-app copy, so an organization cannot reach into the platform's own inbox of a stranger.
   */
  private int insertProspects(UUID id, List<String> emails) {
    return handle
        .createUpdate(
            """
            INSERT INTO notification_recipients (notification_id, email, user_id)
            SELECT :id, e, NULL FROM unnest(:emails) AS e
            ON CONFLICT DO NOTHING
            """)
        .bind("id", id)
        .bindArray("emails", String.class, emails)
        .execute();
  }

  private int insertSelect(UUID id, String select, UUID organizationId) {
    var update =
        handle
            .createUpdate(
                "INSERT INTO notification_recipients (notification_id, email, user_id) SELECT :id, r.email, r.id FROM ("
                    + select
                    + ") r ON CONFLICT DO NOTHING")
            .bind("id", id);
    if (organizationId != null) {
      update.bind("organization", organizationId);
    }
    return update.execute();
  }
}
