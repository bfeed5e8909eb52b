package io.atrium.common.account;

import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.mail.MailLinks;
import io.atrium.common.mail.MailOutbox;
import io.atrium.common.mail.MailRequest;
import io.atrium.common.security.SecureTokens;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The emails of the account flows, each enqueued in the transaction of its change. */
public final class AccountMails {
  static final Duration VERIFICATION_TTL = Duration.ofHours(24);
  static final Duration RESET_TTL = Duration.ofHours(1);

  private final MailOutbox outbox;
  private final MailLinks links;
  private final SecureTokens tokens;
  private final Clock clock;

  @Inject
  public AccountMails(MailOutbox outbox, MailLinks links, SecureTokens tokens, Clock clock) {
    this.outbox = outbox;
    this.links = links;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** A new verification link; the older ones of the account stop working. */
  public void sendVerification(Handle handle, User user) {
    handle
        .attach(UserTokenDao.class)
        .invalidateOpen(user.id(), UserTokenDao.VERIFY_EMAIL, clock.instant());
    String token = issue(handle, user, UserTokenDao.VERIFY_EMAIL, VERIFICATION_TTL);
    outbox.enqueue(
        handle,
        new MailRequest(
            "verify-email",
            user.email(),
            Map.of("display_name", name(user), "link", links.verifyEmail(token)),
            "verify-email:" + UUID.nameUUIDFromBytes(SecureTokens.hash(token))));
  }

  public void sendPasswordReset(Handle handle, User user) {
    String token = issue(handle, user, UserTokenDao.RESET_PASSWORD, RESET_TTL);
    outbox.enqueue(
        handle,
        new MailRequest(
            "reset-password",
            user.email(),
            Map.of("display_name", name(user), "link", links.resetPassword(token)),
            "reset-password:" + UUID.nameUUIDFromBytes(SecureTokens.hash(token))));
  }

  public void sendSecurityAlert(Handle handle, User user, String event, RequestOrigin origin) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("display_name", name(user));
    variables.put("event", event);
    variables.put("time", clock.instant().toString());
    variables.put("ip", origin == null || origin.ip() == null ? "unknown" : origin.ip());
    variables.put(
        "user_agent",
        origin == null || origin.userAgent() == null ? "unknown" : origin.userAgent());
    outbox.enqueue(
        handle,
        new MailRequest(
            "security-alert", user.email(), variables, "security-alert:" + UUID.randomUUID()));
  }

  private String issue(Handle handle, User user, String purpose, Duration ttl) {
    String token = tokens.generate(32);
    Instant now = clock.instant();
    handle
        .attach(UserTokenDao.class)
        .insert(
            UUID.randomUUID(), user.id(), purpose, SecureTokens.hash(token), now, now.plus(ttl));
    return token;
  }

  private static String name(User user) {
    return user.displayName() != null ? user.displayName() : user.email();
  }
}
