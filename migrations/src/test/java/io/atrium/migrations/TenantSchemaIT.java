package io.atrium.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tenant resources' schema (V16–V18) applies, and its constraints hold the contract's rules.
 */
class TenantSchemaIT {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  private final TestDatabase database = TestDatabase.get();
  private UUID user;
  private UUID organization;

  @BeforeEach
  void seed() {
    database.clean();
    user = UUID.randomUUID();
    organization = UUID.randomUUID();
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES (?, ?, 'x', ?, ?)",
                  user,
                  "u" + user + "@example.com",
                  NOW,
                  NOW);
              h.execute(
                  "INSERT INTO organizations (id, name, slug, created_at, updated_at) VALUES (?, 'Acme', ?, ?, ?)",
                  organization,
                  "acme-" + organization.toString().substring(0, 8),
                  NOW,
                  NOW);
            });
  }

  @Test
  void theTenantTablesExist() {
    List<String> tables =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                        .mapTo(String.class)
                        .list());
    assertThat(tables)
        .contains(
            "api_keys",
            "provider_credentials",
            "instance_types",
            "models",
            "instances",
            "instance_volumes",
            "instance_state_history",
            "instance_cost_periods");
  }

  private void insertKey(Handle h, UUID org, String role, byte[] hash) {
    h.execute(
        """
        INSERT INTO api_keys (id, organization_id, created_by, name, prefix, key_hash, pepper_version,
                              role, created_at, updated_at, expires_at)
        VALUES (?, ?, ?, 'ci', 'atr_abcd1234', ?, 'v', ?, ?, ?, ?)
        """,
        UUID.randomUUID(),
        org,
        user,
        hash,
        role,
        NOW,
        NOW,
        NOW.plus(90, ChronoUnit.DAYS));
  }

  @Test
  void apiKeyHashesAreUniqueAndARoleBelongsToOrganizationKeysOnly() {
    byte[] hash = new byte[32];
    database
        .jdbi()
        .useHandle(
            h -> {
              insertKey(h, organization, "admin", hash);
              insertKey(h, null, null, otherHash());
            });
    assertThatThrownBy(
            () -> database.jdbi().useHandle(h -> insertKey(h, organization, "user", hash)))
        .isInstanceOf(UnableToExecuteStatementException.class)
        .hasMessageContaining("api_keys_key_hash_key");
    assertThatThrownBy(
            () -> database.jdbi().useHandle(h -> insertKey(h, null, "user", otherHash())))
        .hasMessageContaining("api_keys_role_in_organization_only");
    assertThatThrownBy(
            () -> database.jdbi().useHandle(h -> insertKey(h, organization, null, otherHash())))
        .hasMessageContaining("api_keys_role_in_organization_only");
  }

  private static byte[] otherHash() {
    byte[] hash = new byte[32];
    new java.security.SecureRandom().nextBytes(hash);
    return hash;
  }

  @Test
  void modelsAreOperationalOnlyWithBothActivationsAndPublicOnesHaveNoOrganization() {
    UUID model = UUID.randomUUID();
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  """
          INSERT INTO models (id, visibility, organization_id, name, code, created_by, created_at, updated_at)
          VALUES (?, 'organization', ?, 'Llama', 'llama', ?, ?, ?)
          """,
                  model,
                  organization,
                  user,
                  NOW,
                  NOW);
              h.execute(
                  "UPDATE models SET tech_activated_by = ?, tech_activated_at = ? WHERE id = ?",
                  user,
                  NOW,
                  model);
              assertThat(operational(h, model)).isFalse();
              h.execute(
                  "UPDATE models SET eco_activated_by = ?, eco_activated_at = ? WHERE id = ?",
                  user,
                  NOW,
                  model);
              assertThat(operational(h, model)).isTrue();
            });
    assertThatThrownBy(
            () ->
                database
                    .jdbi()
                    .useHandle(
                        h ->
                            h.execute(
                                "INSERT INTO models (id, visibility, organization_id, name, code, created_by, created_at, updated_at)"
                                    + " VALUES (?, 'public', ?, 'x', 'x', ?, ?, ?)",
                                UUID.randomUUID(),
                                organization,
                                user,
                                NOW,
                                NOW)))
        .hasMessageContaining("models_visibility_matches_owner");
    assertThatThrownBy(
            () ->
                database
                    .jdbi()
                    .useHandle(
                        h ->
                            h.execute(
                                "UPDATE models SET tech_activated_at = NULL WHERE id = ?", model)))
        .hasMessageContaining("models_tech_activation_complete");
  }

  private static boolean operational(Handle h, UUID model) {
    return h.createQuery("SELECT is_operational FROM models WHERE id = :id")
        .bind("id", model)
        .mapTo(Boolean.class)
        .one();
  }

  @Test
  void anInstanceNeedsACatalogTypeAndHasAtMostOneOpenCostPeriod() {
    UUID instance = UUID.randomUUID();
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  """
          INSERT INTO instance_types (provider, zone, code, name, hourly_price_eur, cpus, ram_bytes, gpus,
                                      gpu_name, vram_per_gpu_bytes, availability, first_seen_at, synced_at)
          VALUES ('scaleway', 'fr-par-1', 'L4-1-24G', 'L4-1-24G', 0.75, 8, 51539607552, 1, 'L4', 25769803776,
                  'available', ?, ?)
          """,
                  NOW,
                  NOW);
              h.execute(
                  """
          INSERT INTO instances (id, organization_id, name, provider, zone, instance_type, hourly_price_eur,
                                 status, created_by, created_at, updated_at)
          VALUES (?, ?, 'gpu', 'scaleway', 'fr-par-1', 'L4-1-24G', 0.75, 'provisioning', ?, ?, ?)
          """,
                  instance,
                  organization,
                  user,
                  NOW,
                  NOW);
              h.execute(
                  "INSERT INTO instance_cost_periods (organization_id, instance_id, instance_type, hourly_price_eur, started_at)"
                      + " VALUES (?, ?, 'L4-1-24G', 0.75, ?)",
                  organization,
                  instance,
                  NOW);
              h.execute(
                  "INSERT INTO instance_state_history (instance_id, organization_id, from_status, to_status, reason, actor_user_id, at)"
                      + " VALUES (?, ?, NULL, 'provisioning', 'created', ?, ?)",
                  instance,
                  organization,
                  user,
                  NOW);
            });
    assertThatThrownBy(
            () ->
                database
                    .jdbi()
                    .useHandle(
                        h ->
                            h.execute(
                                "INSERT INTO instance_cost_periods (organization_id, instance_id, instance_type, hourly_price_eur, started_at)"
                                    + " VALUES (?, ?, 'L4-1-24G', 0.75, ?)",
                                organization,
                                instance,
                                NOW)))
        .hasMessageContaining("instance_cost_periods_open_key");
    assertThatThrownBy(
            () ->
                database
                    .jdbi()
                    .useHandle(
                        h ->
                            h.execute(
                                """
            INSERT INTO instances (id, organization_id, name, provider, zone, instance_type, hourly_price_eur,
                                   status, created_by, created_at, updated_at)
            VALUES (?, ?, 'gpu', 'scaleway', 'fr-par-1', 'NO-SUCH', 1, 'provisioning', ?, ?, ?)
            """,
                                UUID.randomUUID(),
                                organization,
                                user,
                                NOW,
                                NOW)))
        .hasMessageContaining("instances_provider_zone_instance_type_fkey");
  }

  @Test
  void aProviderVolumeIsRecordedOnceAndAnOrphanHasNoInstance() {
    String insert =
        """
        INSERT INTO instance_volumes (id, organization_id, instance_id, provider, zone, provider_volume_id, type,
                                      size_bytes, boot, delete_on_terminate, status, created_at, updated_at)
        VALUES (?, ?, NULL, 'scaleway', 'fr-par-1', 'vol-1', 'sbs_5k', 1000000000, false, true, ?, ?, ?)
        """;
    database
        .jdbi()
        .useHandle(h -> h.execute(insert, UUID.randomUUID(), organization, "orphaned", NOW, NOW));
    assertThatThrownBy(
            () ->
                database
                    .jdbi()
                    .useHandle(
                        h ->
                            h.execute(
                                insert, UUID.randomUUID(), organization, "orphaned", NOW, NOW)))
        .hasMessageContaining("instance_volumes_provider_volume_key");
  }

  @Test
  void providerCredentialsAreOnePerOrganizationAndProvider() {
    String insert =
        """
        INSERT INTO provider_credentials (organization_id, provider, project_id, secret_ciphertext, key_version,
                                          secret_key_last4, created_at, updated_at)
        VALUES (?, 'scaleway', 'p', ?, 'k1', 'abcd', ?, ?)
        """;
    byte[] ciphertext = new byte[64];
    database.jdbi().useHandle(h -> h.execute(insert, organization, ciphertext, NOW, NOW));
    assertThatThrownBy(
            () ->
                database
                    .jdbi()
                    .useHandle(h -> h.execute(insert, organization, ciphertext, NOW, NOW)))
        .hasMessageContaining("provider_credentials_pkey");
  }
}
