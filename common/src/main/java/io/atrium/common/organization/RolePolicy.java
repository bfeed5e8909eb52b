package io.atrium.common.organization;

import static io.atrium.common.organization.Role.ADMIN;
import static io.atrium.common.organization.Role.MANAGER;
import static io.atrium.common.organization.Role.OWNER;
import static io.atrium.common.organization.Role.USER;

import java.util.Map;
import java.util.Set;

/**
 * The delegation rules of the contract, as data. Pure: no database, no exceptions; the services
 * turn a "no" into the right error code.
 */
public final class RolePolicy {
  private RolePolicy() {}

  /** Roles each role may hand out in an invitation. */
  private static final Map<Role, Set<Role>> INVITE =
      Map.of(
          OWNER, Set.of(OWNER, ADMIN, MANAGER, USER),
          ADMIN, Set.of(MANAGER, USER),
          MANAGER, Set.of(MANAGER, USER),
          USER, Set.of());

  /** Role changes (from → to) each role may make on another member. */
  private static final Map<Role, Set<Change>> CHANGE =
      Map.of(
          OWNER, allChanges(),
          ADMIN, Set.of(new Change(USER, ADMIN), new Change(ADMIN, USER)),
          MANAGER, Set.of(new Change(USER, MANAGER), new Change(MANAGER, USER)),
          USER, Set.of());

  /** Roles of other members each role may remove. */
  private static final Map<Role, Set<Role>> REMOVE =
      Map.of(
          OWNER, Set.of(OWNER, ADMIN, MANAGER, USER),
          ADMIN, Set.of(ADMIN, USER),
          MANAGER, Set.of(MANAGER, USER),
          USER, Set.of());

  record Change(Role from, Role to) {}

  public static boolean mayInvite(Role actor) {
    return !INVITE.get(actor).isEmpty();
  }

  public static boolean mayInviteAs(Role actor, Role invited) {
    return INVITE.get(actor).contains(invited);
  }

  public static boolean mayChangeRole(Role actor, Role from, Role to) {
    return from != to && CHANGE.get(actor).contains(new Change(from, to));
  }

  /** Removing oneself is leaving, which anyone may do (the last owner rule aside). */
  public static boolean mayRemove(Role actor, Role target, boolean self) {
    return self || REMOVE.get(actor).contains(target);
  }

  /**
   * Whether {@code creator} may issue an organization API key acting as {@code key}: a key's role
   * is never above its creator's (roles are declared from most to least powerful).
   */
  public static boolean mayIssueApiKeyAs(Role creator, Role key) {
    return key.compareTo(creator) >= 0;
  }

  /**
   * Whether taking {@code target}'s role away (a change, a removal, leaving) would leave the
   * organization with no owner, {@code owners} counting its owners under its lock (asked only when
   * the target is one).
   */
  public static boolean removesLastOwner(Role target, java.util.function.IntSupplier owners) {
    return target == OWNER && owners.getAsInt() <= 1;
  }

  private static Set<Change> allChanges() {
    java.util.Set<Change> all = new java.util.HashSet<>();
    for (Role from : Role.values()) {
      for (Role to : Role.values()) {
        if (from != to) {
          all.add(new Change(from, to));
        }
      }
    }
    return Set.copyOf(all);
  }
}
