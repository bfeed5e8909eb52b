package io.atrium.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.ApiKeys;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.TcpProxy;
import io.atrium.api.support.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A malformed key, or one whose checksum is wrong, is refused before any database access: with the
 * database gone it still answers 401, where a well-formed key (which needs the lookup) answers 503.
 */
class ApiKeyParsingIT {
  private final TestApp app = TestApp.shared();

  @Test
  void malformedKeysAreRefusedWithoutTheDatabase() throws Exception {
    try (TcpProxy proxy = TcpProxy.toDatabaseOf(app);
        TestApp viaProxy =
            TestApp.start(
                Map.of("DATABASE_URL", proxy.jdbcUrlFor(app), "DATABASE_POOL_SIZE", "2"))) {
      String secret = ApiKeys.create(Accounts.register(viaProxy)).secret();
      assertThat(viaProxy.http().token(secret).get("/api/v1/user/me").status()).isEqualTo(200);
      char changed = secret.charAt(8) == 'a' ? 'b' : 'a';
      String typo = secret.substring(0, 8) + changed + secret.substring(9);

      proxy.close();

      for (String token : List.of(typo, secret.substring(0, 41), "atr_" + "x".repeat(38))) {
        Response refused = viaProxy.http().token(token).get("/api/v1/user/me");
        assertThat(refused.status()).as(token).isEqualTo(401);
        assertThat(refused.problemCode()).isEqualTo("unauthorized");
      }
      Response lookedUp = viaProxy.http().token(secret).get("/api/v1/user/me");
      assertThat(lookedUp.status()).isEqualTo(503);
      assertThat(lookedUp.problemCode()).isEqualTo("unavailable");
    }
  }
}
