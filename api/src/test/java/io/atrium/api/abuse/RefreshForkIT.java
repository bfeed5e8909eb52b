package io.atrium.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.TestApp;
import io.atrium.common.security.SecureTokens;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 2: a spent refresh token replayed inside the grace window gave a new refresh
 * token each time, and each chain kept rotating: a thief kept a parallel session forever.
 */
class RefreshForkIT {
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  void replaysWithinTheGraceYieldTheOneSuccessorAndAnyOtherChainIsReuse() {
    SignedIn victim = Accounts.register(app);
    Response first = refresh(victim.refreshToken());
    assertThat(first.status()).isEqualTo(200);
    String successor = first.json().get("refresh_token").asText();

    Set<String> accessTokens = new HashSet<>();
    for (int replay = 0; replay < 5; replay++) {
      app.clock().advance(Duration.ofSeconds(1));
      Response again = refresh(victim.refreshToken());
      assertThat(again.status()).as(again.toString()).isEqualTo(200);
      assertThat(again.json().get("refresh_token").asText())
          .as("the same successor, never a second one")
          .isEqualTo(successor);
      accessTokens.add(again.json().get("access_token").asText());
    }
    for (String accessToken : accessTokens) {
      assertThat(app.http().token(accessToken).get("/api/v1/user/me").status()).isEqualTo(200);
    }
    assertThat(refreshTokensOfTheSession(victim)).isEqualTo(2);

    // The chain goes on from the one successor only.
    Response next = refresh(successor);
    assertThat(next.status()).isEqualTo(200);
    String live = next.json().get("refresh_token").asText();
    assertThat(refreshTokensOfTheSession(victim)).isEqualTo(3);

    // After the grace, the thief's spent token is reuse: the whole session ends.
    app.clock().advance(Duration.ofSeconds(11));
    Response reused = refresh(victim.refreshToken());
    assertThat(reused.status()).isEqualTo(401);
    assertThat(reused.problemCode()).isEqualTo("refresh_token_reused");
    assertThat(refresh(live).status()).isEqualTo(401);
    assertThat(app.http().token(next.json().get("access_token").asText()).get("/api/v1/user/me"))
        .extracting(Response::status)
        .isEqualTo(401);
  }

  @Test
  void theSuccessorIsNeverStoredOnlyItsHash() {
    SignedIn user = Accounts.register(app);
    String successor = refresh(user.refreshToken()).json().get("refresh_token").asText();
    assertThat(refresh(user.refreshToken()).json().get("refresh_token").asText())
        .isEqualTo(successor);
    List<String> everything =
        app.database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT concat_ws('|', encode(token_hash, 'escape'),"
                                + " encode(token_hash, 'hex'), encode(coalesce(successor_hash, ''), 'hex'))"
                                + " FROM refresh_tokens")
                        .mapTo(String.class)
                        .list());
    assertThat(String.join("\n", everything))
        .doesNotContain(successor)
        .doesNotContain(user.refreshToken())
        .contains(java.util.HexFormat.of().formatHex(SecureTokens.hash(successor)));
  }

  private Response refresh(String token) {
    Http http = app.http();
    return http.post("/api/v1/auth/refresh", Map.of("refresh_token", token));
  }

  private long refreshTokensOfTheSession(SignedIn user) {
    return app.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM refresh_tokens WHERE session_id = :id")
                    .bind("id", user.sessionId())
                    .mapTo(Long.class)
                    .one());
  }
}
