package io.atrium.common.admin;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface PlatformOrganizationDao {
  /** The platform's organization, once created. */
  record PlatformOrganization(
      UUID organizationId, Instant createdAt, Instant credentialsSeededAt) {}

  /** Serializes the seeding of web processes starting together until the end of the transaction. */
  @SqlQuery(
      "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('atrium.platform_organization'))) l")
  int lock();

  @SqlQuery("SELECT organization_id, created_at, credentials_seeded_at FROM platform_organization")
  Optional<PlatformOrganization> find();

  @SqlUpdate(
      "INSERT INTO platform_organization (organization_id, created_at) VALUES (:organizationId,"
          + " :at)")
  void insert(@Bind("organizationId") UUID organizationId, @Bind("at") Instant at);

  @SqlUpdate("UPDATE platform_organization SET credentials_seeded_at = :at")
  void markCredentialsSeeded(@Bind("at") Instant at);
}
