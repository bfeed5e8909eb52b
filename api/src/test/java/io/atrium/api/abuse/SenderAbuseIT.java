package io.atrium.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Mailbox;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import io.atrium.common.notification.NotificationFanOut;
import io.atrium.common.ratelimit.RateLimiter.RateLimit;
import io.atrium.common.ratelimit.RateLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 1: the platform's sender used for spam and phishing, from fresh unverified
 * accounts and free organizations, by notifications, invitations and resends.
 */
class SenderAbuseIT {
  private static final String ORG_SEND = "/api/v1/organizations/current/notifications/send";
  private static final String INVITATIONS = "/api/v1/organizations/current/invitations";
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  void anUnverifiedAccountCannotMailProspectsAndAProspectWithAnAccountGetsNoInAppCopy() {
    SignedIn target = Accounts.register(app, "target@example.com");
    SignedIn spammer = Accounts.register(app);
    Organizations.create(spammer, "Atrium Security Team 2");

    Response refused = spammer.http().post(ORG_SEND, phishing(target.email()));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.problemCode()).isEqualTo("email_not_verified");
    assertThat(count("SELECT count(*) FROM notifications")).isZero();

    Accounts.verifyEmail(app, spammer);
    Response sent = spammer.http().post(ORG_SEND, phishing(target.email()));
    assertThat(sent.status()).isEqualTo(202);
    app.instance(NotificationFanOut.class)
        .run(UUID.fromString(sent.json().get("notification_id").asText()));
    assertThat(Mailbox.count(app, target.email(), "notification")).isEqualTo(1);
    assertThat(target.http().get("/api/v1/user/notifications").json().get("total").asInt())
        .as("no in-app copy for a prospect, account or not")
        .isZero();
  }

  @Test
  void anUnverifiedInviterIsCappedAtTenInvitationsADay() {
    SignedIn inviter = Accounts.register(app);
    Organizations.create(inviter, "Invites a lot");
    for (int i = 0; i < 10; i++) {
      assertThat(invite(inviter, "lead" + i + "@outside.example").status()).isEqualTo(201);
    }
    Response refused = invite(inviter, "lead10@outside.example");
    assertRateLimited(refused);
    assertThat(Mailbox.count(app, "lead10@outside.example", "invitation")).isZero();
    // Another free organization does not reset the inviter's count.
    Organizations.create(inviter, "Second org");
    assertRateLimited(invite(inviter, "lead11@outside.example"));
  }

  @Test
  void verifiedInvitersAndOrganizationsHaveTheirOwnDailyCaps() {
    // Production caps (100 per inviter, 500 per organization) at a scale a test can reach.
    RateLimits production = RateLimits.production();
    RateLimits small =
        new RateLimits(
            production.loginFailuresPerAddress(),
            production.registrationsPerAddress(),
            production.verificationEmailsPerRecipient(),
            production.resetEmailsPerRecipient(),
            production.resetEmailsPerRecipientAndAddress(),
            production.accountEmailsPerAddress(),
            production.invitationsPerUnverifiedInviter(),
            new RateLimit("invitations-inviter", 3, Duration.ofDays(1)),
            new RateLimit("invitations-organization", 4, Duration.ofDays(1)),
            production.resendsPerInvitation());
    try (TestApp capped =
        TestApp.start(
            Map.of(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(RateLimits.class).toInstance(small);
              }
            })) {
      capped.reset();
      SignedIn owner = Accounts.registerVerified(capped);
      UUID organization = Organizations.create(owner, "Capped");
      SignedIn admin = Organizations.addMember(capped, owner, organization, "admin");
      // addMember was the owner's first invitation.
      assertThat(invite(owner, "a@outside.example").status()).isEqualTo(201);
      assertThat(invite(owner, "b@outside.example").status()).isEqualTo(201);
      assertRateLimited(invite(owner, "c@outside.example"));
      assertThat(invite(admin, "d@outside.example").status()).isEqualTo(201);
      assertRateLimited(invite(admin, "e@outside.example"));
    }
  }

  @Test
  void anInvitationIsResentAtMostFiveTimesADay() {
    SignedIn inviter = Accounts.register(app);
    Organizations.create(inviter, "Resends");
    Response created = invite(inviter, "victim@outside.example");
    String id = created.json().get("id").asText();
    for (int i = 0; i < 5; i++) {
      assertThat(inviter.http().post(INVITATIONS + "/" + id + "/resend", null).status())
          .isEqualTo(200);
    }
    assertRateLimited(inviter.http().post(INVITATIONS + "/" + id + "/resend", null));
    assertThat(Mailbox.count(app, "victim@outside.example", "invitation")).isEqualTo(6);
  }

  private static Response invite(SignedIn inviter, String email) {
    return inviter.http().post(INVITATIONS, Map.of("email", email, "role", "user"));
  }

  private static void assertRateLimited(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(429);
    assertThat(response.problemCode()).isEqualTo("rate_limited");
    assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 86_400L);
  }

  private static Map<String, Object> phishing(String to) {
    return Map.of(
        "type", "org_to_prospects",
        "recipients", List.of(to),
        "subject", "Your account is locked",
        "body", "Sign in again to keep your account.",
        "action_url", "https://atrium-security.example/login",
        "action_text", "Sign in");
  }

  private long count(String sql) {
    return app.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
