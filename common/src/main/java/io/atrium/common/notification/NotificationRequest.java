package io.atrium.common.notification;

import java.util.List;
import java.util.UUID;

/**
 * A send as the caller asked it. {@code allRecipients}: {@code "recipients": "all"}; else {@code
 * recipients} lists emails. {@code organizationIds} null means all organizations.
 */
public record NotificationRequest(
    String type,
    boolean allRecipients,
    List<String> recipients,
    List<UUID> organizationIds,
    String subject,
    String body,
    String bodyHtml,
    String actionUrl,
    String actionText) {}
