package io.atrium.common.notification;

import java.time.Instant;
import java.util.UUID;

/** An in-app notification of one user. */
public record UserNotification(
    UUID id,
    String type,
    String subject,
    String body,
    String bodyHtml,
    String actionUrl,
    String actionText,
    UUID organizationId,
    Instant createdAt,
    Instant readAt) {}
