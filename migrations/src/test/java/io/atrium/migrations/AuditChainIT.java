package io.atrium.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit chains as the trigger writes them: one per organization and one for the platform. */
class AuditChainIT {
  private final TestDatabase database = TestDatabase.get();

  @BeforeEach
  void clean() {
    database.clean();
  }

  @Test
  void eachChainLinksItsOwnEntriesAndItsHeadCountsThem() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    database
        .jdbi()
        .useTransaction(
            handle -> {
              for (int i = 0; i < 5; i++) {
                append(handle, first, "first." + i);
                append(handle, null, "platform." + i);
                if (i % 2 == 0) {
                  append(handle, second, "second." + i);
                }
              }
            });

    for (UUID organization : new UUID[] {first, second, null}) {
      List<Map<String, Object>> chain = chain(organization);
      assertThat(chain).hasSize(organization == second ? 3 : 5);
      assertThat(chain.get(0).get("prev_hash")).isNull();
      for (int i = 0; i < chain.size(); i++) {
        assertThat(chain.get(i).get("hash_ok")).isEqualTo(true);
        if (i > 0) {
          assertThat(chain.get(i).get("prev_hash")).isEqualTo(chain.get(i - 1).get("hash"));
        }
      }
      Map<String, Object> head = head(organization);
      assertThat(head.get("entries")).isEqualTo((long) chain.size());
      assertThat(head.get("hash")).isEqualTo(chain.get(chain.size() - 1).get("hash"));
    }
  }

  @Test
  void aFailedAppendLeavesTheHeadWhereItWas() {
    UUID organization = UUID.randomUUID();
    UUID id = UUID.randomUUID();
    database.jdbi().useHandle(handle -> append(handle, organization, "kept", id));
    Map<String, Object> before = head(organization);

    boolean failed;
    try {
      database.jdbi().useHandle(handle -> append(handle, organization, "duplicate id", id));
      failed = false;
    } catch (RuntimeException expected) {
      failed = true;
    }

    assertThat(failed).isTrue();
    assertThat(head(organization)).isEqualTo(before);
    database.jdbi().useHandle(handle -> append(handle, organization, "next"));
    List<Map<String, Object>> chain = chain(organization);
    assertThat(chain).hasSize(2);
    assertThat(chain.get(1).get("prev_hash")).isEqualTo(chain.get(0).get("hash"));
  }

  private static void append(Handle handle, UUID organization, String action) {
    append(handle, organization, action, UUID.randomUUID());
  }

  private static void append(Handle handle, UUID organization, String action, UUID id) {
    handle.execute(
        "INSERT INTO audit_log (id, at, organization_id, action, hash) VALUES (?, now(), ?, ?, '')",
        id,
        organization,
        action);
  }

  private List<Map<String, Object>> chain(UUID organization) {
    return database
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT encode(a.prev_hash, 'hex') AS prev_hash, encode(a.hash, 'hex') AS hash, a.hash = audit_log_entry_hash(a.prev_hash, a)"
                            + " AS hash_ok FROM audit_log a"
                            + " WHERE a.organization_id IS NOT DISTINCT FROM CAST(:id AS uuid)"
                            + " ORDER BY a.seq")
                    .bind("id", organization)
                    .mapToMap()
                    .list());
  }

  private Map<String, Object> head(UUID organization) {
    return database
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT entries, encode(hash, 'hex') AS hash FROM audit_chain_heads"
                            + " WHERE chain = coalesce(CAST(CAST(:id AS uuid) AS text), 'platform')")
                    .bind("id", organization)
                    .mapToMap()
                    .one());
  }
}
