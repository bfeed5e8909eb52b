package io.atrium.common.audit;

import io.atrium.common.account.Caller;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.organization.OrganizationAccess;
import io.atrium.common.organization.Permission;
import io.atrium.common.paging.Page;
import io.atrium.common.paging.PageRequest;
import jakarta.inject.Inject;
import java.util.UUID;

/** Reading the audit log: pages newest first, and checking a chain end to end. */
public final class AuditQueries {
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
    return work.withHandle(
        handle -> {
          AuditDao audit = handle.attach(AuditDao.class);
          return organizationId == null
              ? Page.of(audit.listAll(page.pageSize(), page.offset()), page, audit.countAll())
              : Page.of(
                  audit.listForOrganization(organizationId, page.pageSize(), page.offset()),
                  page,
                  () -> audit.countForOrganization(organizationId));
        });
  }

  /**
   * Recomputes every hash of the organization's chain and checks each entry links to the one before
   * it. A row edited or deleted behind the triggers' back (by a superuser) shows here.
   */
  public Verification verify(UUID organizationId) {
    return work.withHandle(
        handle -> {
          AuditDao audit = handle.attach(AuditDao.class);
          long entries = audit.countEntries(organizationId);
          UUID firstBroken = audit.firstBroken(organizationId).orElse(null);
          return new Verification(firstBroken == null, entries, firstBroken);
        });
  }
}
