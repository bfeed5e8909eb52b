package io.atrium.common.authorization;

import io.atrium.common.account.Caller;
import io.atrium.common.error.BadRequestException;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.organization.Organization;
import io.atrium.common.organization.Permission;
import io.atrium.common.organization.Role;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.UUID;

/**
 * The one place that decides whether a principal may do something: every route and every job
 * handler asks here, and nothing else compares roles. Pure: the state it decides on (the caller's
 * workspace and live role) was read on the request; where a rule must hold under concurrency the
 * caller passes the role it read under the lock ({@link #require(Principal, Permission, UUID,
 * Role)}).
 */
@Singleton
public final class Authorizer {

  @Inject
  public Authorizer() {}

  /**
   * The organization the principal acts in, the only source of a tenant query's organization: 400
   * {@code organization_required} from the personal workspace, 403 when suspended.
   */
  public UUID requireOrganization(Principal principal) {
    UUID organizationId = principal.organizationId();
    if (organizationId == null) {
      throw new BadRequestException(
          "organization_required", "Switch to an organization first: this route works inside one.");
    }
    if (principal instanceof Caller caller
        && Organization.SUSPENDED.equals(caller.organizationStatus())) {
      throw new ForbiddenException("organization_suspended", "This organization is suspended.");
    }
    return organizationId;
  }

  /**
   * Checks that {@code principal} may do {@code permission} in {@code organizationId} with the role
   * it holds there as read on this request; returns that role (null for a system job, which acts
   * with every permission in its own organization). An organization other than the principal's own
   * is a 404: another tenant's resources do not exist for it.
   */
  public Role require(Principal principal, Permission permission, UUID organizationId) {
    Role role =
        principal instanceof Caller caller
            ? Role.parse(caller.organizationRole()).orElse(null)
            : null;
    return require(principal, permission, organizationId, role);
  }

  /** As above, with the principal's role read under a lock by the caller (the last-owner rule). */
  public Role require(Principal principal, Permission permission, UUID organizationId, Role role) {
    Objects.requireNonNull(organizationId, "organizationId");
    UUID own = requireOrganization(principal);
    if (!own.equals(organizationId)) {
      throw new NotFoundException("not_found", "No such resource.");
    }
    if (principal instanceof SystemJob) {
      return null;
    }
    if (!(principal instanceof Caller)) {
      throw new ForbiddenException("forbidden", "Unknown principal.");
    }
    if (!permission.grantedTo(role)) {
      throw new ForbiddenException(
          "forbidden", "Your role in this organization does not allow this.");
    }
    return role;
  }

  /** The current organization after checking {@code permission} there: the common case. */
  public UUID requireInCurrent(Principal principal, Permission permission) {
    UUID organizationId = requireOrganization(principal);
    require(principal, permission, organizationId);
    return organizationId;
  }

  /** The principal's role in its current organization after checking {@code permission} there. */
  public Role requireRoleInCurrent(Principal principal, Permission permission) {
    return require(principal, permission, requireOrganization(principal));
  }

  /** Platform administration: a person signed in as the platform admin (never an API key). */
  public void requirePlatformAdmin(Principal principal) {
    if (!(principal instanceof Caller caller) || !caller.platformAdmin() || caller.viaApiKey()) {
      throw new ForbiddenException("forbidden", "Only the platform admin may do this.");
    }
  }
}
