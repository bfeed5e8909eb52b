package io.atrium.common.notification;

import io.atrium.common.error.FieldError;
import io.atrium.common.error.InvalidException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Resolves who a notification goes to, straight into notification_recipients. */
final class Recipients {
  private final NotificationDao notifications;

  Recipients(NotificationDao notifications) {
    this.notifications = notifications;
  }

  int resolve(
      UUID id,
      NotificationType type,
      UUID organizationId,
      NotificationRequest request,
      List<String> listed) {
    return switch (type) {
      case PLATFORM_TO_USERS ->
          request.allRecipients() ? notifications.addActiveUsers(id) : listedUsers(id, listed);
      case PLATFORM_TO_ORG_OWNERS -> owners(id, request.organizationIds());
      case SYSTEM_ALERTS -> notifications.addSystemAlertRecipients(id);
      case ORG_TO_PROSPECTS -> notifications.addProspects(id, listed.toArray(String[]::new));
      case ORG_OWNER_TO_MEMBERS -> notifications.addMembers(id, organizationId);
    };
  }

  private int owners(UUID id, List<UUID> organizationIds) {
    if (organizationIds == null) {
      return notifications.addOwnersOfLiveOrganizations(id);
    }
    UUID[] ids = organizationIds.toArray(UUID[]::new);
    List<UUID> unknown = notifications.unknownOrganizations(ids);
    if (!unknown.isEmpty()) {
      throw InvalidException.field("organization_ids", "unknown organizations: " + unknown);
    }
    return notifications.addOwnersOf(id, ids);
  }

  /** Listed emails of users: every one must have an account. */
  private int listedUsers(UUID id, List<String> emails) {
    String[] listed = emails.toArray(String[]::new);
    List<String> unknown = notifications.emailsWithoutAccount(listed);
    if (!unknown.isEmpty()) {
      List<FieldError> errors = new ArrayList<>();
      unknown.forEach(email -> errors.add(new FieldError("recipients", email + " has no account")));
      throw new InvalidException(errors);
    }
    return notifications.addListed(id, listed);
  }
}
