package io.atrium.common.notification;

import io.atrium.common.account.AccountRules;
import io.atrium.common.account.Caller;
import io.atrium.common.account.User;
import io.atrium.common.account.UserDao;
import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.authorization.Authorizer;
import io.atrium.common.config.NotificationConfig;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.FieldError;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.InvalidException;
import io.atrium.common.error.RateLimitedException;
import io.atrium.common.jobs.JobOptions;
import io.atrium.common.jobs.JobQueue;
import io.atrium.common.notification.NotificationType.Scope;
import io.atrium.common.organization.OrganizationDao;
import io.atrium.common.organization.Permission;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Validates a send, resolves and stores its recipients at send time, and enqueues the fan-out job
 * in the same transaction; answered at once, delivered by the worker.
 */
public final class NotificationService {
  public static final String FAN_OUT_JOB = "notification.fan_out";
  public static final int MAX_PROSPECTS = 500;

  private final UnitOfWork work;
  private final JobQueue jobs;
  private final AuditLog audit;
  private final NotificationConfig config;
  private final Authorizer authorizer;
  private final Clock clock;

  @Inject
  public NotificationService(
      UnitOfWork work,
      JobQueue jobs,
      AuditLog audit,
      NotificationConfig config,
      Authorizer authorizer,
      Clock clock) {
    this.work = work;
    this.jobs = jobs;
    this.audit = audit;
    this.config = config;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  public record Sent(UUID notificationId, int recipientCount) {}

  public record FanOutArgs(UUID notificationId) {}

  public Sent send(Caller caller, Scope scope, NotificationRequest request, RequestOrigin origin) {
    NotificationType type =
        NotificationType.parse(request.type())
            .orElseThrow(
                () ->
                    InvalidException.field(
                        "type",
                        "must be one of platform_to_users, platform_to_org_owners, system_alerts, org_to_prospects, org_owner_to_members"));
    if (type.scope() != scope) {
      throw new ForbiddenException(
          "forbidden", "A " + type.value() + " notification cannot be sent from here.");
    }
    UUID organizationId = null;
    if (scope == Scope.ORGANIZATION) {
      organizationId = authorizer.requireInCurrent(caller, Permission.SEND_NOTIFICATIONS);
      if (type == NotificationType.ORG_TO_PROSPECTS) {
        requireVerifiedSender(caller);
      }
    } else {
      authorizer.requirePlatformAdmin(caller);
    }
    Content content = validate(request);
    List<String> listed = listedEmails(type, request);
    UUID finalOrganizationId = organizationId;
    return work.inTransaction(
        handle ->
            store(handle, caller, type, finalOrganizationId, content, request, listed, origin));
  }

  private Sent store(
      Handle handle,
      Caller caller,
      NotificationType type,
      UUID organizationId,
      Content content,
      NotificationRequest request,
      List<String> listed,
      RequestOrigin origin) {
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    NotificationDao notifications = handle.attach(NotificationDao.class);
    notifications.insert(
        id,
        type.value(),
        caller.userId(),
        organizationId,
        content.subject(),
        content.body(),
        content.bodyHtml(),
        content.actionUrl(),
        content.actionText(),
        now);
    int count = new Recipients(notifications).resolve(id, type, organizationId, request, listed);
    if (type == NotificationType.ORG_TO_PROSPECTS) {
      requireWithinDailyCap(handle, organizationId, count, now);
    }
    notifications.setRecipientCount(id, count);
    jobs.enqueue(
        handle,
        FAN_OUT_JOB,
        new FanOutArgs(id),
        JobOptions.defaults().queue("notifications").idempotencyKey("notification:" + id));
    audit.record(
        handle,
        AuditEvent.of("notification.sent", caller.userId(), origin)
            .organization(organizationId)
            .target("notification", id)
            .details(
                Map.of(
                    "type", type.value(), "recipient_count", count, "subject", content.subject())));
    return new Sent(id, count);
  }

  /**
   * Mail to outside addresses goes out from the platform's own sender: only someone who proved
   * their own mailbox may send it.
   */
  private void requireVerifiedSender(Caller caller) {
    boolean verified =
        work.withHandle(h -> h.attach(UserDao.class).find(caller.userId()).map(User::emailVerified))
            .orElse(false);
    if (!verified) {
      throw new ForbiddenException(
          "email_not_verified", "Verify your email address before emailing people outside.");
    }
  }

  /**
   * Sends of one organization are serialized by its row lock, so the cap holds under concurrency.
   */
  private void requireWithinDailyCap(Handle handle, UUID organizationId, int count, Instant now) {
    handle.attach(OrganizationDao.class).lock(organizationId).orElseThrow();
    Instant dayStart =
        now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    long sentToday =
        handle.attach(NotificationDao.class).prospectRecipientsSince(organizationId, dayStart);
    if (sentToday + count > config.orgDailyEmailCap()) {
      throw new RateLimitedException(Duration.between(now, dayStart.plus(Duration.ofDays(1))));
    }
  }

  private record Content(
      String subject, String body, String bodyHtml, String actionUrl, String actionText) {}

  private static Content validate(NotificationRequest request) {
    List<FieldError> errors = new ArrayList<>();
    String subject = text(request.subject(), "subject", 200, true, errors);
    String body = text(request.body(), "body", 50_000, true, errors);
    if (request.bodyHtml() != null && request.bodyHtml().length() > 200_000) {
      errors.add(new FieldError("body_html", "must be at most 200000 characters"));
    }
    String actionUrl = text(request.actionUrl(), "action_url", 2048, false, errors);
    if (actionUrl != null && !httpUrl(actionUrl)) {
      errors.add(new FieldError("action_url", "must be an http or https URL"));
    }
    String actionText = text(request.actionText(), "action_text", 100, false, errors);
    if (actionText != null && actionUrl == null) {
      errors.add(new FieldError("action_text", "needs an action_url"));
    }
    if (subject != null && subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
      errors.add(new FieldError("subject", "must be one line"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidException(errors);
    }
    return new Content(
        subject, body, HtmlSanitizer.sanitize(request.bodyHtml()), actionUrl, actionText);
  }

  /** The listed addresses, validated and with duplicates collapsed, where the type takes a list. */
  private static List<String> listedEmails(NotificationType type, NotificationRequest request) {
    boolean takesList =
        type == NotificationType.ORG_TO_PROSPECTS
            || type == NotificationType.PLATFORM_TO_USERS && !request.allRecipients();
    if (!takesList) {
      return List.of();
    }
    if (type == NotificationType.ORG_TO_PROSPECTS && request.allRecipients()) {
      throw InvalidException.field("recipients", "must list the addresses");
    }
    if (request.recipients() == null || request.recipients().isEmpty()) {
      throw InvalidException.field(
          "recipients",
          "must list at least one address"
              + (type == NotificationType.PLATFORM_TO_USERS ? " (or be \"all\")" : ""));
    }
    Set<String> emails = new LinkedHashSet<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < request.recipients().size(); i++) {
      String email = AccountRules.normalizeEmail(request.recipients().get(i));
      if (!AccountRules.validEmail(email)) {
        errors.add(new FieldError("recipients[" + i + "]", "is not a valid email address"));
      } else {
        emails.add(email);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidException(errors);
    }
    if (type == NotificationType.ORG_TO_PROSPECTS && emails.size() > MAX_PROSPECTS) {
      throw InvalidException.field(
          "recipients", "must list at most " + MAX_PROSPECTS + " addresses");
    }
    return List.copyOf(emails);
  }

  private static String text(
      String value, String field, int max, boolean required, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return null;
    }
    String stripped = value.strip();
    if (stripped.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    }
    return stripped;
  }

  private static boolean httpUrl(String value) {
    try {
      URI uri = new URI(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
