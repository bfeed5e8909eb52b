package io.atrium.common.audit;

import io.atrium.common.account.Caller;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.organization.OrganizationAccess;
import io.atrium.common.organization.Permission;
import io.atrium.common.paging.Page;
import io.atrium.common.paging.PageRequest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/** Reading the audit log: pages newest first, and checking a chain end to end. */
public final class AuditQueries {
  private static final String COLUMNS =
      "id, at, actor_user_id, organization_id, action, target_type, target_id, ip, request_id, details::text AS details";

  private final UnitOfWork work;

  @Inject
  public AuditQueries(UnitOfWork work) {
    this.work = work;
  }

  /** The outcome of a verification: intact, or the first entry whose hash or link is wrong. */
  public record Verification(boolean intact, long entries, UUID firstBrokenId) {}

  /** The current organization's log, for its owners and admins. */
  public Page<AuditEntry> listForOrganization(Caller caller, PageRequest page) {
    OrganizationAccess.require(caller, Permission.VIEW_AUDIT_LOG);
    return list(caller.organizationId(), page);
  }

  public Verification verifyForOrganization(Caller caller) {
    OrganizationAccess.require(caller, Permission.VIEW_AUDIT_LOG);
    return verify(caller.organizationId());
  }

  /** One organization's entries; {@code organizationId} null lists the whole platform. */
  public Page<AuditEntry> list(UUID organizationId, PageRequest page) {
    String where = organizationId == null ? "" : " WHERE organization_id = :organizationId";
    return work.withHandle(
        handle -> {
          Query items =
              handle
                  .createQuery(
                      "SELECT "
                          + COLUMNS
                          + " FROM audit_log"
                          + where
                          + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
                  .bind("limit", page.pageSize())
                  .bind("offset", page.offset());
          Query total = handle.createQuery("SELECT count(*) FROM audit_log" + where);
          if (organizationId != null) {
            items.bind("organizationId", organizationId);
            total.bind("organizationId", organizationId);
          }
          return Page.of(
              items.map(ConstructorMapper.of(AuditEntry.class)).list(),
              page,
              total.mapTo(Long.class).one());
        });
  }

  /**
   * Recomputes every hash of the organization's chain and checks each entry links to the one before
   * it. A row edited or deleted behind the triggers' back (by a superuser) shows here.
   */
  public Verification verify(UUID organizationId) {
    return work.withHandle(
        handle -> {
          long entries =
              handle
                  .createQuery("SELECT count(*) FROM audit_log WHERE organization_id = :id")
                  .bind("id", organizationId)
                  .mapTo(Long.class)
                  .one();
          UUID firstBroken =
              handle
                  .createQuery(
                      """
                      SELECT id FROM (
                        SELECT a.id, a.seq,
                               a.hash = audit_log_entry_hash(a.prev_hash, a) AS hash_ok,
                               a.prev_hash IS NOT DISTINCT FROM lag(a.hash) OVER (ORDER BY a.seq) AS link_ok
                          FROM audit_log a WHERE a.organization_id = :id
                      ) chain
                      WHERE NOT (hash_ok AND link_ok)
                      ORDER BY seq LIMIT 1
                      """)
                  .bind("id", organizationId)
                  .mapTo(UUID.class)
                  .findOne()
                  .orElse(null);
          return new Verification(firstBroken == null, entries, firstBroken);
        });
  }
}
