package io.atrium.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The input gate and the email rule, over HTTP: the cases of issue 11 and their neighbours. */
class InputGateIT {
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  void aNulInAnEmailIsAFieldErrorNotA500() {
    // JSON's own escape, as a client library writes it
    String body =
        "{\"email\":\"a\\u0000@example.test\",\"password\":\"" + Accounts.PASSWORD + "\"}";
    for (String route : new String[] {"/api/v1/auth/login", "/api/v1/auth/register"}) {
      Response response = app.http().send("POST", route, body, "application/json");
      assertThat(response.status()).as(route).isEqualTo(422);
      assertThat(response.problemCode()).isEqualTo("validation_failed");
      assertThat(fieldError(response, "email")).contains("NUL");
    }
  }

  @Test
  void anEmailWhoseLocalPartIsARightToLeftOverrideIsRefusedAndNotStored() {
    Response response =
        app.http()
            .post(
                "/api/v1/auth/register",
                Map.of("email", "\u202e@example.test", "password", Accounts.PASSWORD));
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.problemCode()).isEqualTo("validation_failed");
    assertThat(fieldError(response, "email")).isNotNull();
    Integer stored =
        app.database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT count(*) FROM users WHERE email LIKE :pattern")
                        .bind("pattern", "%\u202e%")
                        .mapTo(Integer.class)
                        .one());
    assertThat(stored).isZero();
  }

  @Test
  void theEmailRuleIsTheSameForInvitationsAndAdminCreations() {
    SignedIn owner = Accounts.register(app);
    Organizations.create(owner, "Gate Org");
    Response invitation =
        owner
            .http()
            .post(
                "/api/v1/organizations/current/invitations",
                Map.of("email", "bob\u200f@example.test", "role", "user"));
    assertThat(invitation.status()).isEqualTo(422);
    assertThat(fieldError(invitation, "email")).isNotNull();

    SignedIn admin = Accounts.admin(app);
    Response created =
        admin
            .http()
            .post(
                "/api/v1/admin/organizations",
                Map.of("name", "Admin Org", "owner_email", "\"quoted\"@example.test"));
    assertThat(created.status()).isEqualTo(422);
    assertThat(fieldError(created, "owner_email")).isEqualTo("is not a valid email address");
  }

  @Test
  void anInternationalisedDomainIsStoredInAsciiAndFoundEitherWay() {
    Response registered =
        app.http()
            .post(
                "/api/v1/auth/register",
                Map.of("email", "Anna@Bücher.example", "password", Accounts.PASSWORD));
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.json().get("user").get("email").asText())
        .isEqualTo("anna@xn--bcher-kva.example");
    Response login =
        app.http()
            .post(
                "/api/v1/auth/login",
                Map.of("email", "anna@xn--bcher-kva.example", "password", Accounts.PASSWORD));
    assertThat(login.status()).isEqualTo(200);

    SignedIn admin = Accounts.admin(app);
    Response found = admin.http().get("/api/v1/admin/users?q=anna%40b%C3%BCcher.example");
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("total").asInt()).isEqualTo(1);
  }

  @Test
  void identifiersRefuseBidiAndControlsWhileProseKeepsTabsAndNewlines() {
    SignedIn owner = Accounts.register(app);
    Response organization =
        owner.http().post("/api/v1/organizations", Map.of("name", "Acme \u202eevil"));
    assertThat(organization.status()).isEqualTo(422);
    assertThat(fieldError(organization, "name")).contains("bidirectional");
    Response tab = owner.http().patch("/api/v1/user/me", Map.of("display_name", "Ann\tLee"));
    assertThat(tab.status()).isEqualTo(422);
    assertThat(fieldError(tab, "display_name")).contains("control");

    SignedIn admin = Accounts.admin(app);
    Response prose =
        admin
            .http()
            .post(
                "/api/v1/admin/notifications/send",
                Map.of(
                    "type", "system_alerts",
                    "subject", "Maintenance \u2067\u05e2\u05d1\u05e8\u05d9\u05ea\u2069 tonight",
                    "body", "Hello,\n\n\tthe platform restarts at 22:00.\r\nThanks"));
    assertThat(prose.status()).as(prose.toString()).isEqualTo(202);
    Response bell =
        admin
            .http()
            .post(
                "/api/v1/admin/notifications/send",
                Map.of("type", "system_alerts", "subject", "Hi", "body", "ring \u0007"));
    assertThat(bell.status()).isEqualTo(422);
    assertThat(fieldError(bell, "body")).contains("control");
  }

  @Test
  void loneSurrogatesAndNulAnywhereInABodyAreRefused() {
    SignedIn owner = Accounts.register(app);
    Http http = owner.http();
    Response surrogate =
        http.send(
            "PATCH", "/api/v1/user/me", "{\"display_name\":\"x\\ud800\"}", "application/json");
    assertThat(surrogate.status()).isEqualTo(422);
    assertThat(fieldError(surrogate, "display_name")).contains("surrogate");
    Response unknownField =
        http.send(
            "PATCH",
            "/api/v1/user/me",
            "{\"display_name\":\"Ok\",\"extra\":{\"deep\":[\"\\u0000\"]}}",
            "application/json");
    assertThat(unknownField.status()).isEqualTo(422);
    assertThat(fieldError(unknownField, "extra.deep[0]")).contains("NUL");
    Response key = http.send("PATCH", "/api/v1/user/me", "{\"a\\u0000b\":1}", "application/json");
    assertThat(key.status()).isEqualTo(422);
    assertThat(key.json().get("errors").get(0).get("field").asText()).isEqualTo("a?b");
    Response invalidUtf8 =
        http.send(
            "PATCH",
            "/api/v1/user/me",
            new byte[] {
              '{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'
            },
            "application/json");
    assertThat(invalidUtf8.status()).isEqualTo(400);
    assertThat(invalidUtf8.problemCode()).isEqualTo("bad_request");
  }

  @Test
  void duplicateKeysAreAMalformedBody() {
    Response response =
        app.http()
            .send(
                "POST",
                "/api/v1/auth/login",
                "{\"email\":\"a@example.test\",\"email\":\"b@example.test\",\"password\":\"x\"}",
                "application/json");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemCode()).isEqualTo("bad_request");
  }

  @Test
  void lengthsAreCountedInCharactersAndNamed() {
    SignedIn owner = Accounts.register(app);
    String hundredEmoji = "\ud83d\ude00".repeat(100);
    Response atLimit = owner.http().patch("/api/v1/user/me", Map.of("display_name", hundredEmoji));
    assertThat(atLimit.status()).isEqualTo(200);
    Response over =
        owner.http().patch("/api/v1/user/me", Map.of("display_name", hundredEmoji + "x"));
    assertThat(over.status()).isEqualTo(422);
    assertThat(fieldError(over, "display_name")).isEqualTo("must be at most 100 characters");
  }

  @Test
  void queryParametersPassTheSameGate() {
    SignedIn admin = Accounts.admin(app);
    for (String query : new String[] {"q=a%00b", "q=a%E2%80%AEb", "q=" + "a".repeat(201)}) {
      Response response = admin.http().get("/api/v1/admin/users?" + query);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.problemCode()).isEqualTo("bad_request");
      assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("q");
    }
    Response unknown = admin.http().get("/api/v1/admin/users?x%00=1");
    assertThat(unknown.status()).isEqualTo(400);
    Response fine = admin.http().get("/api/v1/admin/users?q=" + "a".repeat(200));
    assertThat(fine.status()).isEqualTo(200);
  }

  private static String fieldError(Response response, String field) {
    JsonNode errors = response.json().get("errors");
    if (errors == null) {
      return null;
    }
    for (JsonNode error : errors) {
      if (error.get("field").asText().equals(field)) {
        return error.get("message").asText();
      }
    }
    return null;
  }
}
