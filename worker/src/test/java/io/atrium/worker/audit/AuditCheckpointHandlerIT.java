package io.atrium.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.common.audit.AuditCheckpoints;
import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.AuditQueries;
import io.atrium.common.config.JwtConfig;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.json.Json;
import io.atrium.common.security.ServerKeys;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.engine.JobContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditCheckpointHandlerIT {
  private final TestDatabase database = TestDatabase.get();
  private final Clock clock = Clock.systemUTC();
  private final AuditCheckpoints checkpoints =
      new AuditCheckpoints(
          new UnitOfWork(database.jdbi()),
          new ServerKeys(
              new JwtConfig(
                  "a worker test secret of at least 32 bytes",
                  List.of(),
                  Duration.ofMinutes(15),
                  Duration.ofDays(30))),
          clock);
  private final AuditQueries queries =
      new AuditQueries(
          new UnitOfWork(database.jdbi()),
          checkpoints,
          new io.atrium.common.authorization.Authorizer());
  private final AuditLog audit = new AuditLog(Json.newMapper(), clock);

  @BeforeEach
  void clean() {
    database.clean();
  }

  @Test
  void eachGrownChainGetsACheckpointThatVerificationHoldsItTo() {
    UUID organization = organization();
    for (int i = 0; i < 3; i++) {
      record(organization, "test.event");
    }
    AuditCheckpointHandler handler = new AuditCheckpointHandler(checkpoints);
    handler.handle(job());
    handler.handle(job());
    assertThat(checkpointsOf(organization)).isEqualTo(1);
    assertThat(queries.verify(organization).intact()).isTrue();

    record(organization, "test.later");
    handler.handle(job());
    assertThat(checkpointsOf(organization)).isEqualTo(2);

    database
        .jdbi()
        .useTransaction(
            h -> {
              h.execute("SET LOCAL session_replication_role = replica");
              h.execute(
                  "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log WHERE organization_id = ?)",
                  organization);
            });
    AuditQueries.Verification broken = queries.verify(organization);
    assertThat(broken.intact()).isFalse();
    assertThat(broken.reason()).isEqualTo(AuditQueries.Break.ENTRIES_MISSING);
  }

  private UUID organization() {
    UUID id = UUID.randomUUID();
    database
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO organizations (id, name, slug, created_at, updated_at) VALUES (?, 'Org', ?, now(), now())",
                    id,
                    "org-" + id.toString().substring(0, 8)));
    return id;
  }

  private void record(UUID organization, String action) {
    database
        .jdbi()
        .useTransaction(
            h -> audit.record(h, AuditEvent.of(action, null, null).organization(organization)));
  }

  private long checkpointsOf(UUID organization) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM audit_checkpoints WHERE organization_id = :id")
                    .bind("id", organization)
                    .mapTo(Long.class)
                    .one());
  }

  private static JobContext job() {
    return new JobContext(
        1, AuditCheckpointHandler.KIND, "default", null, 1, 3, null, Instant.now());
  }
}
