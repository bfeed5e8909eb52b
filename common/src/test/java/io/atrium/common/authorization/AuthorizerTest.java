package io.atrium.common.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import io.atrium.common.account.Caller;
import io.atrium.common.account.User;
import io.atrium.common.error.AtriumException;
import io.atrium.common.error.BadRequestException;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.organization.Organization;
import io.atrium.common.organization.Permission;
import io.atrium.common.organization.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The authorizer over principals (sessions and API keys of each role, personal workspaces, system
 * jobs, other kinds) × permissions × roles × organizations, against an oracle written out from the
 * permission matrices of the contract (api.md for the organization rows, resources.md for the
 * resource rows) rather than read from {@link Permission}.
 */
class AuthorizerTest {
  private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

  private static final Set<Role> ALL = Set.of(Role.values());
  private static final Set<Role> OWNER_ADMIN = Set.of(Role.OWNER, Role.ADMIN);

  /** The contract's matrix, cell by cell. */
  private static final Map<Permission, Set<Role>> MATRIX =
      Map.ofEntries(
          Map.entry(Permission.VIEW_ORGANIZATION, ALL),
          Map.entry(Permission.UPDATE_ORGANIZATION, OWNER_ADMIN),
          Map.entry(Permission.DELETE_ORGANIZATION, Set.of(Role.OWNER)),
          Map.entry(Permission.VIEW_MEMBERS, ALL),
          Map.entry(Permission.MANAGE_INVITATIONS, Set.of(Role.OWNER, Role.ADMIN, Role.MANAGER)),
          Map.entry(Permission.VIEW_AUDIT_LOG, OWNER_ADMIN),
          Map.entry(Permission.SEND_NOTIFICATIONS, OWNER_ADMIN),
          Map.entry(Permission.VIEW_RESOURCES, ALL),
          Map.entry(Permission.MANAGE_INSTANCES, OWNER_ADMIN),
          Map.entry(Permission.TECHNICAL_ACTIVATION, OWNER_ADMIN),
          Map.entry(Permission.ECONOMIC_ACTIVATION, Set.of(Role.OWNER, Role.MANAGER)),
          Map.entry(Permission.MANAGE_MODELS, OWNER_ADMIN),
          Map.entry(Permission.VIEW_PROVIDERS, Set.of(Role.OWNER, Role.ADMIN, Role.MANAGER)),
          Map.entry(Permission.MANAGE_PROVIDERS, OWNER_ADMIN),
          Map.entry(Permission.VIEW_COSTS, Set.of(Role.OWNER, Role.ADMIN, Role.MANAGER)),
          Map.entry(Permission.VIEW_API_KEYS, ALL),
          Map.entry(Permission.MANAGE_API_KEYS, OWNER_ADMIN));

  private final Authorizer authorizer = new Authorizer();

  private enum Kind {
    SESSION,
    API_KEY,
    SYSTEM_JOB,
    UNKNOWN
  }

  /** A principal as the request or job would carry it. */
  private record Subject(
      Kind kind, UUID organization, Role role, boolean suspended, boolean platformAdmin) {
    Principal principal() {
      return switch (kind) {
        case SESSION, API_KEY ->
            new Caller(
                UUID.randomUUID(),
                kind == Kind.SESSION ? UUID.randomUUID() : null,
                "someone@example.com",
                platformAdmin ? User.PLATFORM_ADMIN : null,
                organization,
                organization == null || role == null ? null : role.value(),
                organization == null ? null : suspended ? Organization.SUSPENDED : "active",
                kind == Kind.API_KEY ? UUID.randomUUID() : null);
        case SYSTEM_JOB -> new SystemJob("test.job", organization);
        case UNKNOWN -> () -> organization;
      };
    }
  }

  private static Gen<Subject> subjects() {
    Gen<UUID> organizations = arbitrary().pick(Arrays.asList(A, B, null));
    return arbitrary()
        .enumValues(Kind.class)
        .zip(
            organizations,
            roles(),
            booleans().all(),
            integers().between(0, 4).map(n -> n == 0),
            Subject::new);
  }

  private static Gen<Role> roles() {
    return arbitrary().pick(Arrays.asList(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.USER, null));
  }

  /** What the contract says happens: null for allowed, else the error's code. */
  private static String expected(Subject s, Permission permission, UUID target, Role underLock) {
    if (s.organization() == null) {
      return "organization_required";
    }
    boolean person = s.kind() == Kind.SESSION || s.kind() == Kind.API_KEY;
    if (person && s.suspended()) {
      return "organization_suspended";
    }
    if (!s.organization().equals(target)) {
      return "not_found";
    }
    return switch (s.kind()) {
      case SYSTEM_JOB -> null;
      case UNKNOWN -> "forbidden";
      case SESSION, API_KEY ->
          underLock != null && MATRIX.get(permission).contains(underLock) ? null : "forbidden";
    };
  }

  private static String outcome(Runnable decision) {
    try {
      decision.run();
      return null;
    } catch (AtriumException e) {
      assertThat(e)
          .isInstanceOfAny(
              BadRequestException.class, ForbiddenException.class, NotFoundException.class);
      return e.code();
    }
  }

  @Test
  void theMatrixCoversEveryPermission() {
    assertThat(MATRIX.keySet()).containsExactlyInAnyOrder(Permission.values());
    for (Permission permission : Permission.values()) {
      for (Role role : Role.values()) {
        assertThat(permission.grantedTo(role))
            .as(permission + " for " + role)
            .isEqualTo(MATRIX.get(permission).contains(role));
      }
      assertThat(permission.grantedTo(null)).isFalse();
    }
  }

  @Test
  void requireWithTheRoleOfTheRequestFollowsTheMatrix() {
    qt().forAll(subjects(), arbitrary().enumValues(Permission.class), arbitrary().pick(A, B))
        .checkAssert(
            (subject, permission, target) -> {
              Principal principal = subject.principal();
              Role role = subject.kind() == Kind.SYSTEM_JOB ? null : subject.role();
              assertThat(outcome(() -> authorizer.require(principal, permission, target)))
                  .as(subject + " " + permission + " in " + target)
                  .isEqualTo(expected(subject, permission, target, role));
            });
  }

  @Test
  void requireWithTheRoleReadUnderTheLockDecidesOnThatRole() {
    qt().forAll(
            subjects(), arbitrary().enumValues(Permission.class), arbitrary().pick(A, B), roles())
        .checkAssert(
            (subject, permission, target, underLock) -> {
              Principal principal = subject.principal();
              assertThat(
                      outcome(() -> authorizer.require(principal, permission, target, underLock)))
                  .as(subject + " " + permission + " in " + target + " locked as " + underLock)
                  .isEqualTo(expected(subject, permission, target, underLock));
            });
  }

  @Test
  void requireInCurrentIsRequireInTheOrganizationOfThePrincipal() {
    qt().forAll(subjects(), arbitrary().enumValues(Permission.class))
        .checkAssert(
            (subject, permission) -> {
              Principal principal = subject.principal();
              Role role = subject.kind() == Kind.SYSTEM_JOB ? null : subject.role();
              String expected = expected(subject, permission, subject.organization(), role);
              assertThat(outcome(() -> authorizer.requireInCurrent(principal, permission)))
                  .as(subject + " " + permission)
                  .isEqualTo(expected);
              if (expected == null) {
                assertThat(authorizer.requireInCurrent(principal, permission))
                    .isEqualTo(subject.organization());
                assertThat(authorizer.requireRoleInCurrent(principal, permission)).isEqualTo(role);
              }
            });
  }

  @Test
  void onlyThePlatformAdminsOwnSessionIsThePlatformAdmin() {
    qt().forAll(subjects())
        .checkAssert(
            subject -> {
              boolean allowed = subject.kind() == Kind.SESSION && subject.platformAdmin();
              assertThat(outcome(() -> authorizer.requirePlatformAdmin(subject.principal())))
                  .as(subject.toString())
                  .isEqualTo(allowed ? null : "forbidden");
            });
  }

  @Test
  void aPersonalWorkspaceReachesNoOrganization() {
    for (Kind kind : List.of(Kind.SESSION, Kind.API_KEY)) {
      Principal personal = new Subject(kind, null, null, false, true).principal();
      assertThatThrownBy(() -> authorizer.require(personal, Permission.VIEW_API_KEYS, A))
          .isInstanceOf(BadRequestException.class);
    }
  }
}
