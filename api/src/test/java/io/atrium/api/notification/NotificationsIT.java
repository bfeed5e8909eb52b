package io.atrium.api.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Mailbox;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import io.atrium.common.notification.NotificationFanOut;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationsIT {
  private static final String ORG_SEND = "/api/v1/organizations/current/notifications/send";
  private static final String ADMIN_SEND = "/api/v1/admin/notifications/send";
  private final TestApp app = TestApp.shared();
  private SignedIn admin;
  private SignedIn owner;
  private SignedIn member;
  private UUID organization;

  @BeforeEach
  void setUp() {
    app.reset();
    admin = Accounts.admin(app);
    // Verified: org_to_prospects needs a sender whose email is verified.
    owner = Accounts.verifyEmail(app, Accounts.register(app, "owner@example.com"));
    organization = Organizations.create(owner, "Notifying Org");
    member = Organizations.addMember(app, owner, organization, "user");
  }

  @Test
  void eachTypeReachesExactlyItsRecipientsOnceWithAnInAppCopy() {
    SignedIn loner = Accounts.register(app, "loner@example.com");
    SignedIn otherOwner = Accounts.register(app, "other.owner@example.com");
    UUID otherOrganization = Organizations.create(otherOwner, "Other Org");

    assertRecipients(
        admin.http().post(ADMIN_SEND, message("platform_to_users", "recipients", "all")),
        TestApp.ADMIN_EMAIL,
        owner.email(),
        member.email(),
        loner.email(),
        otherOwner.email());
    assertRecipients(
        admin
            .http()
            .post(
                ADMIN_SEND,
                message(
                    "platform_to_users",
                    "recipients",
                    List.of("LONER@example.com", "loner@example.com"))),
        loner.email());
    assertRecipients(
        admin
            .http()
            .post(
                ADMIN_SEND,
                message(
                    "platform_to_org_owners",
                    "organization_ids",
                    List.of(otherOrganization.toString()))),
        otherOwner.email());
    assertRecipients(
        admin.http().post(ADMIN_SEND, message("platform_to_org_owners", "organization_ids", "all")),
        owner.email(),
        otherOwner.email());
    assertRecipients(
        admin.http().post(ADMIN_SEND, message("system_alerts", "recipients", null)),
        TestApp.ADMIN_EMAIL,
        owner.email(),
        otherOwner.email());
    assertRecipients(
        owner.http().post(ORG_SEND, message("org_owner_to_members", "recipients", null)),
        owner.email(),
        member.email());
    assertRecipients(
        owner
            .http()
            .post(
                ORG_SEND,
                message(
                    "org_to_prospects",
                    "recipients",
                    List.of("lead@prospect.example", "Lead@Prospect.example", loner.email()))),
        "lead@prospect.example",
        loner.email());

    // Two platform notifications in the inbox; the prospect mail was email only.
    JsonNode inbox = loner.http().get("/api/v1/user/notifications").json();
    assertThat(inbox.get("total").asInt()).isEqualTo(2);
    String first = inbox.get("items").get(0).get("id").asText();
    assertThat(loner.http().post("/api/v1/user/notifications/" + first + "/read", null).status())
        .isEqualTo(204);
    assertThat(loner.http().post("/api/v1/user/notifications/" + first + "/read", null).status())
        .isEqualTo(204);
    assertThat(
            loner.http().get("/api/v1/user/notifications?unread=true").json().get("total").asInt())
        .isEqualTo(1);
    assertThat(member.http().post("/api/v1/user/notifications/" + first + "/read", null).status())
        .as("someone else's")
        .isEqualTo(404);
  }

  @Test
  void everyOtherCombinationOfTypeAndSenderIs403() {
    for (String type : List.of("org_to_prospects", "org_owner_to_members")) {
      assertThat(
              admin
                  .http()
                  .post(ADMIN_SEND, message(type, "recipients", List.of("a@example.com")))
                  .problemCode())
          .as(type)
          .isEqualTo("forbidden");
    }
    for (String type : List.of("platform_to_users", "platform_to_org_owners", "system_alerts")) {
      Response response = owner.http().post(ORG_SEND, message(type, "recipients", "all"));
      assertThat(response.status()).as(type).isEqualTo(403);
    }
    SignedIn manager = Organizations.addMember(app, owner, organization, "manager");
    assertThat(
            manager
                .http()
                .post(ORG_SEND, message("org_owner_to_members", "recipients", null))
                .status())
        .isEqualTo(403);
    assertThat(
            member
                .http()
                .post(ORG_SEND, message("org_to_prospects", "recipients", List.of("a@example.com")))
                .status())
        .isEqualTo(403);
    assertThat(
            owner
                .http()
                .post(ADMIN_SEND, message("platform_to_users", "recipients", "all"))
                .status())
        .isEqualTo(403);
    assertThat(owner.http().post(ORG_SEND, message("carrier_pigeon", "recipients", null)).status())
        .isEqualTo(422);
  }

  @Test
  void prospectsAreValidatedLimitedAndCappedPerDay() {
    List<String> tooMany =
        IntStream.range(0, 501).mapToObj(i -> "p" + i + "@prospect.example").toList();
    assertThat(
            owner
                .http()
                .post(ORG_SEND, message("org_to_prospects", "recipients", tooMany))
                .status())
        .isEqualTo(422);
    Response invalid =
        owner
            .http()
            .post(
                ORG_SEND,
                message(
                    "org_to_prospects", "recipients", List.of("ok@example.com", "not an address")));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().get("errors").get(0).get("field").asText())
        .isEqualTo("recipients[1]");
    assertThat(
            owner
                .http()
                .post(ORG_SEND, message("org_to_prospects", "recipients", List.of()))
                .status())
        .isEqualTo(422);

    try (TestApp capped = TestApp.start(Map.of("ORG_DAILY_EMAIL_CAP", "3"))) {
      SignedIn cappedOwner = Accounts.login(capped, owner.email(), Accounts.PASSWORD);
      Organizations.switchTo(cappedOwner, organization);
      assertThat(
              cappedOwner
                  .http()
                  .post(
                      ORG_SEND,
                      message(
                          "org_to_prospects", "recipients", List.of("a@x.example", "b@x.example")))
                  .status())
          .isEqualTo(202);
      Response over =
          cappedOwner
              .http()
              .post(
                  ORG_SEND,
                  message("org_to_prospects", "recipients", List.of("c@x.example", "d@x.example")));
      assertThat(over.status()).isEqualTo(429);
      assertThat(over.problemCode()).isEqualTo("rate_limited");
      assertThat(Integer.parseInt(over.header("Retry-After"))).isBetween(1, 86_400);
      assertThat(
              cappedOwner
                  .http()
                  .post(ORG_SEND, message("org_to_prospects", "recipients", List.of("c@x.example")))
                  .status())
          .isEqualTo(202);
    }
  }

  @Test
  void htmlIsSanitisedAndPlainTextAlwaysSent() {
    Map<String, Object> body = message("org_owner_to_members", "recipients", null);
    body.put(
        "body_html",
        "<p onclick=\"steal()\">Hello <b>team</b><script>alert(1)</script> <a href=\"javascript:alert(2)\">x</a> <a href=\"https://atrium.dev\">docs</a></p>");
    body.put("action_url", "https://app.example/launch");
    body.put("action_text", "Open");
    Response sent = owner.http().post(ORG_SEND, body);
    assertThat(sent.status()).isEqualTo(202);
    fanOut(sent);
    JsonNode mail = Mailbox.latest(app, member.email(), "notification");
    String html = mail.get("body_html").asText();
    assertThat(html)
        .contains("<b>team</b>")
        .contains("https://atrium.dev")
        .doesNotContain("script")
        .doesNotContain("onclick")
        .doesNotContain("javascript:");
    assertThat(mail.get("body").asText()).isEqualTo("The body.");
    assertThat(mail.get("action_url").asText()).isEqualTo("https://app.example/launch");
    Map<String, Object> badUrl = message("org_owner_to_members", "recipients", null);
    badUrl.put("action_url", "javascript:alert(1)");
    assertThat(owner.http().post(ORG_SEND, badUrl).status()).isEqualTo(422);
  }

  @Test
  void runningTheFanOutAgainDuplicatesNothing() {
    Response sent =
        owner.http().post(ORG_SEND, message("org_owner_to_members", "recipients", null));
    fanOut(sent);
    fanOut(sent);
    assertThat(Mailbox.count(app, member.email(), "notification")).isEqualTo(1);
    assertThat(member.http().get("/api/v1/user/notifications").json().get("total").asInt())
        .isEqualTo(1);
  }

  private void assertRecipients(Response response, String... expected) {
    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(response.json().get("recipient_count").asInt()).isEqualTo(expected.length);
    UUID id = fanOut(response);
    List<String> emails =
        app.database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT args->>'to' FROM jobs WHERE kind = 'mail.send' AND args->>'message_key' LIKE :key")
                        .bind("key", "notification:" + id + ":%")
                        .mapTo(String.class)
                        .list());
    Set<String> emailed = new TreeSet<>(emails);
    assertThat(emailed).hasSameSizeAs(emails);
    assertThat(emailed).containsExactlyInAnyOrder(expected);
  }

  private UUID fanOut(Response response) {
    UUID id = UUID.fromString(response.json().get("notification_id").asText());
    app.instance(NotificationFanOut.class).run(id);
    return id;
  }

  private static Map<String, Object> message(
      String type, String recipientsField, Object recipients) {
    Map<String, Object> body = new HashMap<>();
    body.put("type", type);
    body.put("subject", "A subject");
    body.put("body", "The body.");
    if (recipients != null) {
      body.put(
          recipientsField, recipients instanceof List<?> list ? new ArrayList<>(list) : recipients);
    }
    return body;
  }
}
