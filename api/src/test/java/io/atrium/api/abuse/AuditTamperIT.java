package io.atrium.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import io.atrium.common.audit.AuditCheckpoints;
import io.atrium.common.testing.LogCapture;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 7: TRUNCATE passed the append-only trigger and verify then said intact with 0
 * entries; deleting the newest entries also left the chain "intact". The attacker here is a
 * superuser who bypasses the application and, where needed, the triggers.
 */
class AuditTamperIT {
  private static final String VERIFY = "/api/v1/organizations/current/audit-logs/verify";
  private final TestApp app = TestApp.shared();
  private SignedIn owner;
  private UUID organization;

  @BeforeEach
  void setUp() {
    app.reset();
    owner = Accounts.register(app);
    organization = Organizations.create(owner, "Audited");
    for (int i = 0; i < 3; i++) {
      owner
          .http()
          .post(
              "/api/v1/organizations/current/invitations",
              Map.of("email", "person" + i + "@example.com", "role", "user"));
    }
  }

  @Test
  void truncateIsRefusedEvenToTheTableOwner() {
    Throwable refused =
        catchThrowable(() -> app.database().jdbi().useHandle(h -> h.execute("TRUNCATE audit_log")));
    assertThat(refused).hasMessageContaining("append-only");
    Throwable checkpoints =
        catchThrowable(
            () -> app.database().jdbi().useHandle(h -> h.execute("TRUNCATE audit_checkpoints")));
    assertThat(checkpoints).hasMessageContaining("insert-only");
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  @Test
  void aDeletedTailIsReportedAsBroken() {
    String logs;
    try (LogCapture capture = LogCapture.open()) {
      assertThat(app.instance(AuditCheckpoints.class).writeDue()).isEqualTo(1);
      logs = capture.text();
    }
    assertThat(logs).contains("audit checkpoint organization=" + organization + " entries=4");
    JsonNode intact = verify();
    assertThat(intact.get("intact").asBoolean()).isTrue();
    assertThat(intact.get("entries").asInt()).isEqualTo(4);

    asAttacker(
        h ->
            h.createUpdate(
                    """
                    DELETE FROM audit_log WHERE seq IN (
                      SELECT seq FROM audit_log WHERE organization_id = :id ORDER BY seq DESC LIMIT 2)
                    """)
                .bind("id", organization)
                .execute());
    JsonNode broken = verify();
    assertThat(broken.get("intact").asBoolean()).isFalse();
    assertThat(broken.get("entries").asInt()).isEqualTo(2);
    assertThat(broken.get("reason").asText()).isEqualTo("entries_missing");
  }

  @Test
  void aTruncationIsReportedAsBroken() {
    app.instance(AuditCheckpoints.class).writeDue();
    asAttacker(h -> h.execute("TRUNCATE audit_log"));
    JsonNode broken = verify();
    assertThat(broken.get("intact").asBoolean()).isFalse();
    assertThat(broken.get("entries").asInt()).isZero();
    assertThat(broken.get("reason").asText()).isEqualTo("entries_missing");
  }

  @Test
  void aCheckpointTheServerDidNotSignIsReportedAsBroken() {
    app.instance(AuditCheckpoints.class).writeDue();
    asAttacker(
        h -> {
          h.createUpdate(
                  """
                  DELETE FROM audit_log WHERE seq = (
                    SELECT max(seq) FROM audit_log WHERE organization_id = :id)
                  """)
              .bind("id", organization)
              .execute();
          // A checkpoint made up to match what is left.
          return h.createUpdate(
                  """
                  INSERT INTO audit_checkpoints (organization_id, entries, last_seq, last_hash,
                                                 key_id, signature, created_at)
                  SELECT :id, count(*), max(seq),
                         (SELECT hash FROM audit_log WHERE organization_id = :id ORDER BY seq DESC LIMIT 1),
                         (SELECT key_id FROM audit_checkpoints LIMIT 1), sha256('forged'), now()
                    FROM audit_log WHERE organization_id = :id
                  """)
              .bind("id", organization)
              .execute();
        });
    JsonNode broken = verify();
    assertThat(broken.get("intact").asBoolean()).isFalse();
    assertThat(broken.get("reason").asText()).isEqualTo("checkpoint_invalid");
  }

  @Test
  void newEntriesAfterACheckpointKeepTheChainIntactAndTheNextCheckpointCoversThem() {
    AuditCheckpoints checkpoints = app.instance(AuditCheckpoints.class);
    checkpoints.writeDue();
    assertThat(checkpoints.writeDue()).as("nothing new, nothing written").isZero();
    owner
        .http()
        .post(
            "/api/v1/organizations/current/invitations",
            Map.of("email", "later@example.com", "role", "user"));
    assertThat(verify().get("intact").asBoolean()).isTrue();
    assertThat(checkpoints.writeDue()).isEqualTo(1);
    JsonNode verified = verify();
    assertThat(verified.get("intact").asBoolean()).isTrue();
    assertThat(verified.get("entries").asInt()).isEqualTo(5);
  }

  private JsonNode verify() {
    return owner.http().get(VERIFY).json();
  }

  /** Runs as a superuser with the triggers off, as one who bypasses the application would. */
  private void asAttacker(java.util.function.Function<Handle, Object> attack) {
    app.database()
        .jdbi()
        .useTransaction(
            h -> {
              h.execute("SET LOCAL session_replication_role = replica");
              attack.apply(h);
            });
  }
}
