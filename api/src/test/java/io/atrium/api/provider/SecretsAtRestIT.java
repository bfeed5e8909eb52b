package io.atrium.api.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.ApiKeys;
import io.atrium.api.support.Http;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import io.atrium.common.provider.scaleway.stub.FaultRule;
import io.atrium.common.provider.scaleway.stub.ScalewayStub;
import io.atrium.common.provider.scaleway.stub.StubFault;
import io.atrium.common.provider.scaleway.stub.StubRoute;
import io.atrium.common.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * No plaintext secret anywhere in the database or the logs: provider keys stored through the API
 * (accepted and refused ones), the platform's key stored at start and API keys (organization and
 * personal, each used) are searched for, as they are and in their base64 and hex forms, in every
 * text, character, JSON and bytea column of every table, and in everything logged meanwhile.
 */
class SecretsAtRestIT {
  private static final Set<String> SCANNED_TYPES =
      Set.of("text", "character varying", "character", "json", "jsonb", "bytea");

  private record Column(String table, String column, String type) {}

  @Test
  void noSecretIsStoredOrLoggedInAnyForm() {
    List<String> secrets = new ArrayList<>();
    try (ScalewayStub stub = ScalewayStub.start();
        LogCapture logs = LogCapture.open()) {
      ScalewayCredentials platformKey = stub.newCredentials();
      secrets.add(platformKey.secretKey());
      try (TestApp app =
          TestApp.start(
              Map.of(
                  "SCALEWAY_API_URL",
                  stub.baseUrl().toString(),
                  "PLATFORM_ORGANIZATION_NAME",
                  "Platform",
                  "SCALEWAY_SECRET_KEY",
                  platformKey.secretKey(),
                  "SCALEWAY_PROJECT_ID",
                  platformKey.projectId()))) {
        SignedIn owner = Accounts.register(app);
        Organizations.create(owner, "Acme");
        ScalewayCredentials accepted = stub.newCredentials();
        secrets.add(accepted.secretKey());
        assertThat(put(owner, accepted).status()).isEqualTo(200);

        String refused = UUID.randomUUID().toString(); // a key Scaleway does not know: 401
        secrets.add(refused);
        assertThat(put(owner, new ScalewayCredentials(refused, accepted.projectId())).status())
            .isEqualTo(422);
        ScalewayCredentials unchecked = stub.newCredentials();
        secrets.add(unchecked.secretKey());
        stub.inject(FaultRule.on(StubRoute.LIST_SERVERS, StubFault.status(503)));
        assertThat(put(owner, unchecked).status()).isEqualTo(502);
        stub.clearFaults();

        // API keys: an organization key and a personal one, each used once
        String orgKey = ApiKeys.create(owner, "admin").secret();
        secrets.add(orgKey);
        assertThat(app.http().token(orgKey).get("/api/v1/providers").status()).isEqualTo(200);
        SignedIn loner = Accounts.register(app);
        String personalKey = ApiKeys.create(loner).secret();
        secrets.add(personalKey);
        assertThat(app.http().token(personalKey).get("/api/v1/user/me").status()).isEqualTo(200);

        List<String> found = new ArrayList<>();
        List<Column> columns =
            app.database().jdbi().withHandle(handle -> scan(handle, secrets, found));
        assertThat(columns)
            .as("the scan covers the encrypted column, the key hashes and the audit details")
            .contains(
                new Column("provider_credentials", "secret_ciphertext", "bytea"),
                new Column("api_keys", "key_hash", "bytea"),
                new Column("audit_log", "details", "jsonb"));
        assertThat(found).as("secrets found in the database").isEmpty();

        // the scan can find: the project ids, which are not secret, are there in the clear
        List<String> control = new ArrayList<>();
        app.database()
            .jdbi()
            .useHandle(handle -> scan(handle, List.of(accepted.projectId()), control));
        assertThat(control).isNotEmpty();
      } finally {
        cleanDatabase();
      }
      String logged = logs.text();
      assertThat(logged).as("the run logged").isNotEmpty();
      for (String secret : secrets) {
        for (String form : forms(secret)) {
          assertThat(logged).doesNotContain(form);
        }
      }
    }
  }

  private static void cleanDatabase() {
    io.atrium.migrations.TestDatabase.get().clean();
  }

  private static Http.Response put(SignedIn owner, ScalewayCredentials key) {
    return owner
        .http()
        .put(
            "/api/v1/providers/scaleway/credentials",
            Map.of("project_id", key.projectId(), "secret_key", key.secretKey()));
  }

  /** The secret and the encodings a careless write could leave it in. */
  private static Set<String> forms(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    Set<String> forms = new LinkedHashSet<>();
    forms.add(secret);
    forms.add(Base64.getEncoder().encodeToString(bytes));
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    forms.add(HexFormat.of().formatHex(bytes));
    return forms;
  }

  /** Every scanned column; each hit of a form of a secret is added to {@code found}. */
  private static List<Column> scan(Handle handle, List<String> secrets, List<String> found) {
    List<Column> columns =
        handle
            .createQuery(
                """
                SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS type
                  FROM information_schema.columns c
                  JOIN information_schema.tables t
                    ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                 WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                 ORDER BY 1, 2
                """)
            .map(
                (rs, ctx) ->
                    new Column(rs.getString("table"), rs.getString("column"), rs.getString("type")))
            .list()
            .stream()
            .filter(column -> SCANNED_TYPES.contains(column.type()))
            .toList();
    for (Column column : columns) {
      String target = quote(column.table()) + "." + quote(column.column());
      String haystack =
          column.type().equals("bytea")
              ? quote(column.column())
              : "convert_to(" + quote(column.column()) + "::text, 'UTF8')";
      for (String secret : secrets) {
        for (String form : forms(secret)) {
          int hits =
              handle
                  .createQuery(
                      "SELECT count(*) FROM "
                          + quote(column.table())
                          + " WHERE position(:needle IN "
                          + haystack
                          + ") > 0")
                  .bind("needle", form.getBytes(StandardCharsets.UTF_8))
                  .mapTo(Integer.class)
                  .one();
          if (hits > 0) {
            found.add(target + " holds " + hits + " row(s) with a form of a secret");
          }
        }
      }
    }
    return columns;
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
