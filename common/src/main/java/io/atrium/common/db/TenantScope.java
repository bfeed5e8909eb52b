package io.atrium.common.db;

import io.atrium.common.account.Caller;
import io.atrium.common.authorization.Authorizer;
import io.atrium.common.authorization.Principal;
import io.atrium.common.organization.Permission;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The one way a query of a tenant table learns which tenant it may see: from the principal (its
 * current workspace, or a job's organization), never from a request body or path. DAOs take the
 * returned record and bind it whole ({@code @BindMethods("scope")}), filtering on {@code
 * :scope.organizationId} (and, in a personal workspace, {@code :scope.userId}); no DAO method of a
 * tenant table takes a bare organization id from a controller.
 *
 * <p>Because every tenant query goes through here, PostgreSQL row-level security can later be put
 * under the queries without touching them: this is where the unit of work would {@code SET LOCAL
 * atrium.organization_id} from the same value the queries bind.
 */
@Singleton
public final class TenantScope {
  private final Authorizer authorizer;

  @Inject
  public TenantScope(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** An organization's rows: {@code organization_id = :scope.organizationId}. */
  public record Organization(UUID organizationId) {}

  /**
   * The rows of a workspace that is either an organization ({@code organizationId} set) or one
   * user's personal workspace ({@code organizationId} null, rows {@code organization_id IS NULL}
   * owned by {@code userId}); the condition is {@link #WORKSPACE_CONDITION}.
   */
  public record Workspace(UUID organizationId, UUID userId) {
    public boolean personal() {
      return organizationId == null;
    }
  }

  /**
   * The SQL a workspace-scoped query puts in its WHERE clause, {@code t} being the table's alias
   * (with {@code organization_id} and an owner column {@code created_by}).
   */
  public static final String WORKSPACE_CONDITION =
      "(t.organization_id = CAST(:scope.organizationId AS uuid) OR (CAST(:scope.organizationId AS"
          + " uuid) IS NULL AND t.organization_id IS NULL AND t.created_by = :scope.userId))";

  /**
   * The principal's organization (400 {@code organization_required} from a personal workspace, 403
   * when suspended), for tables whose rows always belong to an organization.
   */
  public Organization organization(Principal principal) {
    return new Organization(authorizer.requireOrganization(principal));
  }

  /**
   * The principal's organization after checking {@code permission} there: the scope of a route that
   * reads or changes that organization's rows.
   */
  public Organization organization(Principal principal, Permission permission) {
    return new Organization(authorizer.requireInCurrent(principal, permission));
  }

  /** The caller's current workspace, organization or personal. */
  public Workspace workspace(Caller caller) {
    if (caller.organizationId() == null) {
      return new Workspace(null, caller.userId());
    }
    return new Workspace(authorizer.requireOrganization(caller), caller.userId());
  }
}
