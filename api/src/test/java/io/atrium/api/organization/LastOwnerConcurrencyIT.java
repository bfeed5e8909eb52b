package io.atrium.api.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two owners demoting, removing or leaving at the same moment never leave no owner. */
class LastOwnerConcurrencyIT {
  private static final int ROUNDS = 15;
  private final TestApp app = TestApp.shared();

  @Test
  void ownersRacingEachOtherAlwaysLeaveAnOwner() throws Exception {
    app.reset();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        SignedIn first = Accounts.register(app);
        UUID organization = Organizations.create(first, "Race " + round);
        SignedIn second = Organizations.addMember(app, first, organization, "owner");
        List<Callable<Response>> race =
            switch (round % 3) {
              case 0 -> List.of(demote(first, second), demote(second, first));
              case 1 -> List.of(remove(first, second), remove(second, first));
              default -> List.of(leave(first), leave(second));
            };
        List<Future<Response>> results = pool.invokeAll(race);
        int succeeded = 0;
        for (Future<Response> result : results) {
          Response response = result.get();
          if (response.status() < 300) {
            succeeded++;
          } else {
            assertThat(response.status()).as(response.toString()).isIn(409, 403, 404);
          }
        }
        assertThat(succeeded).isEqualTo(1);
        assertThat(owners(organization)).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Response> demote(SignedIn actor, SignedIn target) {
    return () ->
        actor
            .http()
            .put(
                "/api/v1/organizations/current/members/" + target.userId(),
                Map.of("role", "admin"));
  }

  private static Callable<Response> remove(SignedIn actor, SignedIn target) {
    return () -> actor.http().delete("/api/v1/organizations/current/members/" + target.userId());
  }

  private static Callable<Response> leave(SignedIn actor) {
    return () -> actor.http().post("/api/v1/organizations/current/leave", null);
  }

  private int owners(UUID organization) {
    return app.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM memberships WHERE organization_id = :id AND role = 'owner'")
                    .bind("id", organization)
                    .mapTo(Integer.class)
                    .one());
  }
}
