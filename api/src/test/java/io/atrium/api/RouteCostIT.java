package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.ApiKeys;
import io.atrium.api.support.Http;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.PgWireMeter;
import io.atrium.api.support.TcpProxy;
import io.atrium.api.support.TestApp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one request of each route that {@code scripts/bench-api} measures costs the database,
 * counted on the wire (statements, round trips) and at the pool (checkouts): one unit of work per
 * request, so one checkout, and no statement beyond the authentication and the route's own. The
 * table is printed for the notes; the budgets are issue #10's.
 */
class RouteCostIT {
  private static final PgWireMeter meter = new PgWireMeter();
  private static TcpProxy proxy;
  private static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    TestApp shared = TestApp.shared();
    proxy = TcpProxy.toDatabaseOf(shared, meter);
    app = TestApp.start(Map.of("DATABASE_URL", proxy.jdbcUrlFor(shared)));
  }

  @AfterAll
  static void stop() {
    app.close();
    proxy.close();
  }

  record Route(String name, Function<Http, Http.Response> call, int statementBudget) {}

  record Cost(String route, long statements, long roundTrips, long checkouts, long connections) {}

  @Test
  void everyBenchmarkedRouteTakesOneConnectionAndOnlyItsOwnStatements() {
    app.reset();
    SignedIn owner = Accounts.registerVerified(app);
    UUID organization = Organizations.create(owner, "Costed");
    for (int i = 0; i < 3; i++) {
      Organizations.addMember(app, owner, organization, "user");
    }
    owner
        .http()
        .post(
            "/api/v1/organizations/current/invitations",
            Map.of("email", "pending@example.com", "role", "user"));
    Http http = owner.http().token(owner.accessToken());

    // The authentication is one statement; each budget adds the route's own.
    List<Route> routes =
        List.of(
            new Route("GET /user/me", h -> h.get("/api/v1/user/me"), 2),
            new Route("GET /organizations", h -> h.get("/api/v1/organizations"), 2),
            new Route("GET /organizations/current", h -> h.get("/api/v1/organizations/current"), 2),
            new Route("GET .../members", h -> h.get("/api/v1/organizations/current/members"), 2),
            new Route(
                "GET .../invitations", h -> h.get("/api/v1/organizations/current/invitations"), 2),
            new Route(
                "GET .../audit-logs", h -> h.get("/api/v1/organizations/current/audit-logs"), 2),
            new Route("GET /user/notifications", h -> h.get("/api/v1/user/notifications"), 2),
            new Route(
                "PATCH /user/me",
                h -> h.patch("/api/v1/user/me", Map.of("display_name", "Costed Owner")),
                // the update reads back the profile it answers, in autocommit
                2),
            new Route(
                "GET /catalog/instance-types", h -> h.get("/api/v1/catalog/instance-types"), 2),
            new Route("GET /models", h -> h.get("/api/v1/models"), 2));

    assertCosts(routes, http);
  }

  /**
   * An API key authenticates in one statement too (the lookup by its HMAC that reads the
   * organization and role, as the session's does), and its {@code last_used_at} is not written on
   * every request: a key costs what a session costs.
   */
  @Test
  void anApiKeyCostsWhatASessionCosts() {
    app.reset();
    SignedIn owner = Accounts.registerVerified(app);
    Organizations.create(owner, "Costed Keys");
    Http withKey = ApiKeys.create(owner, "admin").http(app);
    assertCosts(
        List.of(
            new Route("GET /user/me (API key)", h -> h.get("/api/v1/user/me"), 2),
            new Route(
                "GET /organizations/current (API key)",
                h -> h.get("/api/v1/organizations/current"),
                2),
            new Route(
                "GET /catalog/instance-types (API key)",
                h -> h.get("/api/v1/catalog/instance-types"),
                2),
            new Route("GET /models (API key)", h -> h.get("/api/v1/models"), 2)),
        withKey);
  }

  private static void assertCosts(List<Route> routes, Http http) {
    List<Cost> costs = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Route route : routes) {
      for (int warm = 0; warm < 3; warm++) {
        assertThat(route.call().apply(http).status()).as(route.name()).isBetween(200, 299);
      }
      meter.drainTexts();
      PgWireMeter.Counts before = meter.counts();
      long checkoutsBefore = checkouts();
      Http.Response response = route.call().apply(http);
      PgWireMeter.Counts spent = meter.counts().minus(before);
      long checkouts = checkouts() - checkoutsBefore;
      texts.add(route.name() + ":\n  " + String.join("\n  ", meter.drainTexts()));
      assertThat(response.status()).as(route.name()).isBetween(200, 299);
      costs.add(
          new Cost(
              route.name(),
              spent.statements(),
              spent.roundTrips(),
              checkouts,
              spent.connections()));
    }

    StringBuilder table = new StringBuilder("\nroute | statements | round trips | checkouts\n");
    costs.forEach(
        c ->
            table.append(
                "%s | %d | %d | %d%n"
                    .formatted(c.route(), c.statements(), c.roundTrips(), c.checkouts())));
    System.out.println(table);
    texts.forEach(System.out::println);

    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      Cost cost = costs.get(i);
      assertThat(cost.checkouts()).as("checkouts of %s", route.name()).isEqualTo(1);
      assertThat(cost.connections()).as("new connections of %s", route.name()).isZero();
      assertThat(cost.statements())
          .as("statements of %s", route.name())
          .isBetween(1L, (long) route.statementBudget());
      assertThat(cost.roundTrips())
          .as("round trips of %s", route.name())
          .isBetween(1L, cost.statements() + 1);
    }
  }

  private static long checkouts() {
    return app.instance(MeterRegistry.class).find("hikaricp.connections.usage").timers().stream()
        .filter(t -> "web".equals(t.getId().getTag("pool")))
        .mapToLong(Timer::count)
        .sum();
  }
}
