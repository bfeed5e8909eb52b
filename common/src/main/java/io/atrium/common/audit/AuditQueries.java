package io.atrium.common.audit;

import io.atrium.common.account.Caller;
import io.atrium.common.authorization.Authorizer;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.organization.Permission;
import io.atrium.common.paging.Page;
import io.atrium.common.paging.PageRequest;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** Reading the audit log: pages newest first, and checking a chain end to end. */
public final class AuditQueries {
  private final UnitOfWork work;
  private final AuditCheckpoints checkpoints;
  private final Authorizer authorizer;

  @Inject
  public AuditQueries(UnitOfWork work, AuditCheckpoints checkpoints, Authorizer authorizer) {
    this.work = work;
    this.checkpoints = checkpoints;
    this.authorizer = authorizer;
  }

  /** Why a chain is not intact. */
  public enum Break {
    /** An entry's hash, or its link to the one before, is wrong: {@code firstBrokenId} names it. */
    ENTRY_ALTERED("entry_altered"),
    /** Entries the latest checkpoint counted are gone (a deleted tail, a truncation). */
    ENTRIES_MISSING("entries_missing"),
    /** The latest checkpoint was not signed by this server: it was forged or altered. */
    CHECKPOINT_INVALID("checkpoint_invalid");

    private final String code;

    Break(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /**
   * The outcome of a verification: intact, or why not; {@code firstBrokenId} is the first entry
   * whose hash or link is wrong, when that is the reason.
   */
  public record Verification(boolean intact, long entries, UUID firstBrokenId, Break reason) {}

  /** The current organization's log, for its owners and admins. */
  public Page<AuditEntry> listForOrganization(Caller caller, PageRequest page) {
    return list(authorizer.requireInCurrent(caller, Permission.VIEW_AUDIT_LOG), page);
  }

  public Verification verifyForOrganization(Caller caller) {
    return verify(authorizer.requireInCurrent(caller, Permission.VIEW_AUDIT_LOG));
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
   * it, then that the chain still holds everything its latest checkpoint counted, up to the very
   * entry it names. A row edited or deleted behind the triggers' back (by a superuser) shows here,
   * also at the end of the chain as far as the latest checkpoint reaches.
   */
  public Verification verify(UUID organizationId) {
    return work.withHandle(
        handle -> {
          AuditDao audit = handle.attach(AuditDao.class);
          long entries = audit.countEntries(organizationId);
          UUID firstBroken = audit.firstBroken(organizationId).orElse(null);
          if (firstBroken != null) {
            return new Verification(false, entries, firstBroken, Break.ENTRY_ALTERED);
          }
          Optional<AuditCheckpoints.Checkpoint> latest = checkpoints.latest(handle, organizationId);
          if (latest.isEmpty()) {
            return new Verification(true, entries, null, null);
          }
          AuditCheckpoints.Checkpoint checkpoint = latest.get();
          if (!checkpoints.authentic(checkpoint)) {
            return new Verification(false, entries, null, Break.CHECKPOINT_INVALID);
          }
          boolean covered =
              audit.holdsCheckpoint(
                  organizationId,
                  checkpoint.entries(),
                  checkpoint.lastSeq(),
                  checkpoint.lastHash());
          return covered
              ? new Verification(true, entries, null, null)
              : new Verification(false, entries, null, Break.ENTRIES_MISSING);
        });
  }
}
