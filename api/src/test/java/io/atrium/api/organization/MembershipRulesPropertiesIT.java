package io.atrium.api.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import io.atrium.common.organization.Role;
import io.atrium.common.organization.RolePolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random sequences of role changes, removals, leaves and invitations, driven through the HTTP API
 * against a model of the contract's rules: after every step the answer is the one the rules give
 * and the organization still has an owner. (Run by failsafe: it needs the database.)
 */
class MembershipRulesPropertiesIT {
  private static final int EXAMPLES = 12;

  /**
   * QuickTheories skips a generated value it has already checked (the boundary values come up more
   * than once), so it is given more attempts than the examples it must check.
   */
  private static final int ATTEMPTS = 15;

  private final TestApp app = TestApp.shared();

  enum Op {
    CHANGE_ROLE,
    REMOVE,
    LEAVE,
    INVITE
  }

  /** One step: who acts (an index into the sorted members), on whom, and with which role. */
  record Step(Op op, int actor, int target, Role role) {}

  @Test
  void theRulesHoldThroughAnySequence() {
    AtomicInteger checked = new AtomicInteger();
    qt().withExamples(ATTEMPTS)
        .forAll(steps())
        .checkAssert(
            steps -> {
              checked.incrementAndGet();
              holdThrough(steps);
            });
    assertThat(checked).as("distinct sequences checked").hasValueGreaterThanOrEqualTo(EXAMPLES);
  }

  private void holdThrough(List<Step> steps) {
    app.reset();
    // Verified, as a real inviter is: an unverified account may send only 10 invitations a day,
    // and a sequence with many invitations would meet that cap instead of the rules under test.
    SignedIn owner = Accounts.registerVerified(app);
    UUID organization = Organizations.create(owner, "Property Org");
    Map<UUID, Role> model = new HashMap<>();
    Map<UUID, SignedIn> people = new HashMap<>();
    model.put(owner.userId(), Role.OWNER);
    people.put(owner.userId(), owner);
    for (Role role : List.of(Role.ADMIN, Role.MANAGER, Role.USER)) {
      SignedIn member = Organizations.addMember(app, owner, organization, role.value());
      model.put(member.userId(), role);
      people.put(member.userId(), member);
    }

    for (Step step : steps) {
      List<UUID> members = model.keySet().stream().sorted().toList();
      if (members.isEmpty()) {
        break;
      }
      UUID actorId = members.get(step.actor() % members.size());
      UUID targetId = members.get(step.target() % members.size());
      Role actor = model.get(actorId);
      Role target = model.get(targetId);
      Role newRole = step.role();
      SignedIn actorClient = people.get(actorId);
      long owners = model.values().stream().filter(r -> r == Role.OWNER).count();
      switch (step.op()) {
        case CHANGE_ROLE -> {
          Response response =
              actorClient
                  .http()
                  .put(
                      "/api/v1/organizations/current/members/" + targetId,
                      Map.of("role", newRole.value()));
          int expected =
              target == newRole
                  ? 200
                  : !RolePolicy.mayChangeRole(actor, target, newRole)
                      ? 403
                      : target == Role.OWNER && owners == 1 ? 409 : 200;
          assertThat(response.status())
              .as("%s %s→%s by %s: %s", step, target, newRole, actor, response)
              .isEqualTo(expected);
          if (expected == 200) {
            model.put(targetId, newRole);
          }
        }
        case REMOVE, LEAVE -> {
          boolean self = step.op() == Op.LEAVE || actorId.equals(targetId);
          UUID removed = self ? actorId : targetId;
          Response response =
              step.op() == Op.LEAVE
                  ? actorClient.http().post("/api/v1/organizations/current/leave", null)
                  : actorClient.http().delete("/api/v1/organizations/current/members/" + targetId);
          Role removedRole = model.get(removed);
          int expected =
              !RolePolicy.mayRemove(actor, removedRole, self)
                  ? 403
                  : removedRole == Role.OWNER && owners == 1 ? 409 : 204;
          assertThat(response.status())
              .as("%s remove %s by %s: %s", step, removedRole, actor, response)
              .isEqualTo(expected);
          if (expected == 204) {
            model.remove(removed);
          }
        }
        case INVITE -> {
          Response response =
              actorClient
                  .http()
                  .post(
                      "/api/v1/organizations/current/invitations",
                      Map.of(
                          "email",
                          "p-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                          "role",
                          newRole.value()));
          int expected =
              !RolePolicy.mayInvite(actor)
                  ? 403
                  : !RolePolicy.mayInviteAs(actor, newRole) ? 403 : 201;
          assertThat(response.status())
              .as("%s invite %s by %s: %s", step, newRole, actor, response)
              .isEqualTo(expected);
        }
      }
      Map<UUID, Role> actual = new HashMap<>();
      app.database()
          .jdbi()
          .useHandle(
              h ->
                  h.createQuery("SELECT user_id, role FROM memberships WHERE organization_id = :id")
                      .bind("id", organization)
                      .map(
                          (rs, ctx) ->
                              Map.entry(
                                  rs.getObject("user_id", UUID.class),
                                  Role.of(rs.getString("role"))))
                      .forEach(e -> actual.put(e.getKey(), e.getValue())));
      assertThat(actual).isEqualTo(model);
      assertThat(actual.values()).contains(Role.OWNER);
    }
  }

  private static Gen<List<Step>> steps() {
    Gen<Step> step =
        Generate.enumValues(Op.class)
            .zip(
                integers().between(0, 50),
                integers().between(0, 50),
                Generate.enumValues(Role.class),
                Step::new);
    return lists().of(step).ofSizeBetween(5, 15);
  }
}
