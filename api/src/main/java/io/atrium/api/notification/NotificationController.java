package io.atrium.api.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.http.Authenticator;
import io.atrium.api.http.ClientAddress;
import io.atrium.api.http.JsonBodies;
import io.atrium.api.http.Pages;
import io.atrium.common.error.InvalidException;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.notification.NotificationRequest;
import io.atrium.common.notification.NotificationService;
import io.atrium.common.notification.NotificationType.Scope;
import io.atrium.common.notification.UserNotificationService;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sending notifications (admin, organization) and reading one's own in-app notifications. */
public final class NotificationController {
  private final NotificationService notifications;
  private final UserNotificationService userNotifications;
  private final JsonBodies bodies;
  private final ClientAddress clients;

  @Inject
  public NotificationController(
      NotificationService notifications,
      UserNotificationService userNotifications,
      JsonBodies bodies,
      ClientAddress clients) {
    this.notifications = notifications;
    this.userNotifications = userNotifications;
    this.bodies = bodies;
    this.clients = clients;
  }

  public void sendAsAdmin(Context ctx) throws IOException {
    send(ctx, Scope.PLATFORM);
  }

  public void sendAsOrganization(Context ctx) throws IOException {
    send(ctx, Scope.ORGANIZATION);
  }

  private void send(Context ctx, Scope scope) throws IOException {
    NotificationRequest request = parse(bodies.read(ctx, JsonNode.class));
    var sent = notifications.send(Authenticator.caller(ctx), scope, request, clients.origin(ctx));
    ctx.status(202)
        .json(
            Map.of(
                "notification_id",
                sent.notificationId(),
                "recipient_count",
                sent.recipientCount()));
  }

  public void list(Context ctx) {
    boolean unread = "true".equalsIgnoreCase(ctx.queryParam("unread"));
    ctx.json(
        Pages.Body.of(userNotifications.list(Authenticator.caller(ctx), unread, Pages.of(ctx))));
  }

  public void markRead(Context ctx) {
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("No such notification.");
    }
    userNotifications.markRead(Authenticator.caller(ctx), id);
    ctx.status(204);
  }

  /**
   * {@code recipients} is a list of emails or the string "all"; {@code organization_ids} a list of
   * UUIDs.
   */
  private static NotificationRequest parse(JsonNode body) {
    if (!body.isObject()) {
      throw new io.atrium.common.error.BadRequestException("A JSON object is required.");
    }
    JsonNode recipients = body.path("recipients");
    boolean all = recipients.isTextual() && recipients.asText().equals("all");
    List<String> emails = null;
    if (recipients.isArray()) {
      emails = new ArrayList<>();
      for (JsonNode email : recipients) {
        if (!email.isTextual()) {
          throw InvalidException.field(
              "recipients", "must be a list of email addresses or \"all\"");
        }
        emails.add(email.asText());
      }
    } else if (!recipients.isMissingNode() && !recipients.isNull() && !all) {
      throw InvalidException.field("recipients", "must be a list of email addresses or \"all\"");
    }
    JsonNode organizations = body.path("organization_ids");
    List<UUID> organizationIds = null;
    if (organizations.isArray()) {
      organizationIds = new ArrayList<>();
      for (JsonNode id : organizations) {
        try {
          organizationIds.add(UUID.fromString(id.asText()));
        } catch (IllegalArgumentException e) {
          throw InvalidException.field("organization_ids", "must be a list of UUIDs");
        }
      }
    } else if (!organizations.isMissingNode()
        && !organizations.isNull()
        && !organizations.asText().equals("all")) {
      throw InvalidException.field("organization_ids", "must be a list of UUIDs or \"all\"");
    }
    return new NotificationRequest(
        text(body, "type"),
        all,
        emails,
        organizationIds,
        text(body, "subject"),
        text(body, "body"),
        text(body, "body_html"),
        text(body, "action_url"),
        text(body, "action_text"));
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw InvalidException.field(field, "must be a string");
    }
    return value.asText();
  }
}
