package io.atrium.common.organization;

import static io.atrium.common.organization.Role.ADMIN;
import static io.atrium.common.organization.Role.MANAGER;
import static io.atrium.common.organization.Role.OWNER;
import static io.atrium.common.organization.Role.USER;

import java.util.EnumSet;
import java.util.Set;

/**
 * What each role may do in an organization: the contract's permission matrix, one row per action,
 * read by every organization-scoped route.
 */
public enum Permission {
  VIEW_ORGANIZATION(OWNER, ADMIN, MANAGER, USER),
  UPDATE_ORGANIZATION(OWNER, ADMIN),
  DELETE_ORGANIZATION(OWNER),
  VIEW_MEMBERS(OWNER, ADMIN, MANAGER, USER),
  MANAGE_INVITATIONS(OWNER, ADMIN, MANAGER),
  VIEW_AUDIT_LOG(OWNER, ADMIN),
  SEND_NOTIFICATIONS(OWNER, ADMIN),
  VIEW_RESOURCES(OWNER, ADMIN, MANAGER, USER),
  MANAGE_INSTANCES(OWNER, ADMIN),
  TECHNICAL_ACTIVATION(OWNER, ADMIN),
  ECONOMIC_ACTIVATION(OWNER, MANAGER),
  MANAGE_MODELS(OWNER, ADMIN),
  VIEW_PROVIDERS(OWNER, ADMIN, MANAGER),
  MANAGE_PROVIDERS(OWNER, ADMIN),
  VIEW_COSTS(OWNER, ADMIN, MANAGER),
  VIEW_API_KEYS(OWNER, ADMIN, MANAGER, USER),
  MANAGE_API_KEYS(OWNER, ADMIN);

  private final Set<Role> roles;

  Permission(Role first, Role... rest) {
    this.roles = EnumSet.of(first, rest);
  }

  public boolean grantedTo(Role role) {
    return role != null && roles.contains(role);
  }
}
