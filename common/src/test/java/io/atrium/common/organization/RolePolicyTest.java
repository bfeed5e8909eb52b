package io.atrium.common.organization;

import static io.atrium.common.organization.Role.ADMIN;
import static io.atrium.common.organization.Role.MANAGER;
import static io.atrium.common.organization.Role.OWNER;
import static io.atrium.common.organization.Role.USER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract's rules, written out case by case so the table cannot drift from them. */
class RolePolicyTest {
  @Test
  void onlyOwnersInviteOwnersAndAdmins() {
    assertThat(RolePolicy.mayInviteAs(OWNER, OWNER)).isTrue();
    assertThat(RolePolicy.mayInviteAs(OWNER, ADMIN)).isTrue();
    for (Role actor : new Role[] {ADMIN, MANAGER}) {
      assertThat(RolePolicy.mayInviteAs(actor, OWNER)).isFalse();
      assertThat(RolePolicy.mayInviteAs(actor, ADMIN)).isFalse();
      assertThat(RolePolicy.mayInviteAs(actor, MANAGER)).isTrue();
      assertThat(RolePolicy.mayInviteAs(actor, USER)).isTrue();
    }
    assertThat(RolePolicy.mayInvite(USER)).isFalse();
  }

  @Test
  void roleChangesFollowTheDelegationRules() {
    for (Role from : Role.values()) {
      for (Role to : Role.values()) {
        assertThat(RolePolicy.mayChangeRole(OWNER, from, to)).isEqualTo(from != to);
        assertThat(RolePolicy.mayChangeRole(ADMIN, from, to))
            .isEqualTo(from == USER && to == ADMIN || from == ADMIN && to == USER);
        assertThat(RolePolicy.mayChangeRole(MANAGER, from, to))
            .isEqualTo(from == USER && to == MANAGER || from == MANAGER && to == USER);
        assertThat(RolePolicy.mayChangeRole(USER, from, to)).isFalse();
      }
    }
  }

  @Test
  void removalFollowsTheRulesAndAnyoneMayLeave() {
    for (Role target : Role.values()) {
      assertThat(RolePolicy.mayRemove(OWNER, target, false)).isTrue();
      assertThat(RolePolicy.mayRemove(ADMIN, target, false))
          .isEqualTo(target == ADMIN || target == USER);
      assertThat(RolePolicy.mayRemove(MANAGER, target, false))
          .isEqualTo(target == MANAGER || target == USER);
      assertThat(RolePolicy.mayRemove(USER, target, false)).isFalse();
      assertThat(RolePolicy.mayRemove(USER, target, true)).isTrue();
    }
  }

  @Test
  void thePermissionMatrixMatchesTheContract() {
    assertThat(Permission.ECONOMIC_ACTIVATION.grantedTo(MANAGER)).isTrue();
    assertThat(Permission.ECONOMIC_ACTIVATION.grantedTo(ADMIN)).isFalse();
    assertThat(Permission.TECHNICAL_ACTIVATION.grantedTo(ADMIN)).isTrue();
    assertThat(Permission.TECHNICAL_ACTIVATION.grantedTo(MANAGER)).isFalse();
    assertThat(Permission.VIEW_COSTS.grantedTo(USER)).isFalse();
    assertThat(Permission.VIEW_PROVIDERS.grantedTo(MANAGER)).isTrue();
    assertThat(Permission.MANAGE_API_KEYS.grantedTo(MANAGER)).isFalse();
    assertThat(Permission.VIEW_API_KEYS.grantedTo(USER)).isTrue();
    assertThat(Permission.DELETE_ORGANIZATION.grantedTo(ADMIN)).isFalse();
  }
}
