package io.atrium.common.organization;

import io.atrium.common.account.Caller;
import io.atrium.common.error.BadRequestException;
import io.atrium.common.error.ForbiddenException;
import java.util.UUID;

/** The checks at the door of every organization-scoped route. */
public final class OrganizationAccess {
  private OrganizationAccess() {}

  /** The caller's current organization: 400 from the personal workspace, 403 when suspended. */
  public static UUID requireOrganization(Caller caller) {
    if (caller.organizationId() == null) {
      throw new BadRequestException(
          "organization_required", "Switch to an organization first: this route works inside one.");
    }
    if (Organization.SUSPENDED.equals(caller.organizationStatus())) {
      throw new ForbiddenException("organization_suspended", "This organization is suspended.");
    }
    return caller.organizationId();
  }

  /** The caller's role, after checking it grants {@code permission} in the current organization. */
  public static Role require(Caller caller, Permission permission) {
    requireOrganization(caller);
    Role role = Role.of(caller.organizationRole());
    if (!permission.grantedTo(role)) {
      throw new ForbiddenException(
          "forbidden", "Your role in this organization does not allow this.");
    }
    return role;
  }
}
