package io.atrium.common.provider.catalog;

import io.atrium.common.account.Caller;
import io.atrium.common.authorization.Authorizer;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.InvalidException;
import io.atrium.common.jobs.JobQueue;
import io.atrium.common.organization.Permission;
import io.atrium.common.paging.Page;
import io.atrium.common.paging.PageRequest;
import jakarta.inject.Inject;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform-wide catalog as callers read it, and the platform admin's request for a sync. Every
 * role of an organization may view it, and so may a personal workspace: the catalog is not among
 * the routes the contract keeps to organizations.
 */
public final class CatalogQueries {
  public static final Set<String> PROVIDERS = Set.of(CatalogSync.SCALEWAY, MockCatalog.PROVIDER);
  private static final Logger log = LoggerFactory.getLogger(CatalogQueries.class);

  private final UnitOfWork work;
  private final Authorizer authorizer;
  private final JobQueue jobs;

  @Inject
  public CatalogQueries(UnitOfWork work, Authorizer authorizer, JobQueue jobs) {
    this.work = work;
    this.authorizer = authorizer;
    this.jobs = jobs;
  }

  /** {@code gpu} null: both kinds. Null provider or zone: every one. */
  public record Filter(String provider, String zone, Boolean gpu, boolean includeInactive) {}

  public Page<InstanceType> list(Caller caller, Filter filter, PageRequest page) {
    if (caller.organizationId() != null) {
      authorizer.requireInCurrent(caller, Permission.VIEW_RESOURCES);
    }
    if (filter.provider() != null && !PROVIDERS.contains(filter.provider())) {
      throw InvalidException.field("provider", "must be scaleway or mock");
    }
    if (filter.zone() != null && filter.zone().isBlank()) {
      throw InvalidException.field("zone", "must not be blank");
    }
    return work.withHandle(
        handle -> {
          InstanceTypeDao types = handle.attach(InstanceTypeDao.class);
          var rows =
              filter.includeInactive()
                  ? types.listAll(
                      filter.provider(),
                      filter.zone(),
                      filter.gpu(),
                      page.pageSize(),
                      page.offset())
                  : types.listActive(
                      filter.provider(),
                      filter.zone(),
                      filter.gpu(),
                      page.pageSize(),
                      page.offset());
          return Page.of(
              rows,
              page,
              () ->
                  types.count(
                      filter.provider(), filter.zone(), filter.gpu(), filter.includeInactive()));
        });
  }

  /** The platform admin only: enqueues the on-demand sync (or finds the one already live). */
  public long requestSync(Caller caller) {
    authorizer.requirePlatformAdmin(caller);
    long id = work.inTransaction(handle -> CatalogSyncJob.enqueue(jobs, handle, "admin"));
    log.info("catalog sync requested by the platform admin: job {}", id);
    return id;
  }
}
