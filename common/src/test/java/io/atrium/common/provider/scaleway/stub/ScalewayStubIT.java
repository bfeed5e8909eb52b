package io.atrium.common.provider.scaleway.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.atrium.common.config.ScalewayConfig;
import io.atrium.common.json.Json;
import io.atrium.common.provider.scaleway.CreateServerRequest;
import io.atrium.common.provider.scaleway.CreateVolumeRequest;
import io.atrium.common.provider.scaleway.ScalewayClient;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import io.atrium.common.provider.scaleway.ScalewayException;
import io.atrium.common.provider.scaleway.Server;
import io.atrium.common.provider.scaleway.ServerAction;
import io.atrium.common.provider.scaleway.Volume;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stub's own rules, the ones provider-engine tests rely on. */
class ScalewayStubIT {
  private static final String ZONE = "fr-par-2";

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2026-03-01T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static final ScalewayStub stub = ScalewayStub.start();
  private final ManualClock clock = new ManualClock();
  private final ScalewayClient client =
      new ScalewayClient(
          new ScalewayConfig(
              stub.baseUrl(),
              Duration.ofSeconds(2),
              Duration.ofSeconds(5),
              1,
              Duration.ZERO,
              Duration.ofMillis(1)),
          Json.newMapper(),
          d -> {},
          Clock.systemUTC());

  @BeforeEach
  void resetStub() {
    stub.reset();
    stub.clock(clock);
  }

  @AfterAll
  static void close() {
    stub.close();
  }

  private Server create(ScalewayCredentials credentials) throws ScalewayException {
    return client.createServer(
        credentials,
        ZONE,
        CreateServerRequest.of(
            "s",
            "L4-1-24G",
            "img",
            credentials.projectId(),
            List.of("atrium"),
            20_000_000_000L,
            Optional.empty()));
  }

  @Test
  void manualTransitionsHoldAServerStartingUntilCompleted() throws Exception {
    ScalewayCredentials org = stub.newCredentials();
    stub.manualTransitions();
    Server server = create(org);

    client.serverAction(org, ZONE, server.id(), ServerAction.POWERON);
    assertThat(client.getServer(org, ZONE, server.id()).state()).isEqualTo("starting");
    assertThat(client.getServer(org, ZONE, server.id()).address()).isEmpty();
    assertThatThrownBy(() -> client.serverAction(org, ZONE, server.id(), ServerAction.POWEROFF))
        .isInstanceOf(ScalewayException.Rejected.class);

    assertThat(stub.completeTransition(server.id())).isTrue();
    assertThat(client.getServer(org, ZONE, server.id()).state()).isEqualTo("running");
    assertThat(client.getServer(org, ZONE, server.id()).address()).isPresent();
    assertThat(stub.completeTransition(server.id())).isFalse();
  }

  @Test
  void delayedTransitionsFollowTheStubsClock() throws Exception {
    ScalewayCredentials org = stub.newCredentials();
    stub.transitionDelay(Duration.ofSeconds(30));
    Volume volume =
        client.createVolume(
            org,
            ZONE,
            CreateVolumeRequest.empty("v", org.projectId(), 1_000_000_000L, List.of("atrium")));
    assertThat(volume.status()).isEqualTo("creating");
    assertThatThrownBy(() -> client.deleteVolume(org, ZONE, volume.id()))
        .isInstanceOf(ScalewayException.Rejected.class);

    clock.advance(Duration.ofSeconds(29));
    assertThat(client.getVolume(org, ZONE, volume.id()).status()).isEqualTo("creating");
    clock.advance(Duration.ofSeconds(1));
    assertThat(client.getVolume(org, ZONE, volume.id()).status()).isEqualTo("available");
    assertThat(client.getVolume(org, ZONE, volume.id()).createdAt())
        .isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
  }

  @Test
  void aFaultForOneKeyLeavesTheOthersAlone() throws Exception {
    ScalewayCredentials failing = stub.newCredentials();
    ScalewayCredentials healthy = stub.newCredentials();
    stub.inject(FaultRule.on(StubRoute.ANY, StubFault.status(401)).forToken(failing.secretKey()));

    assertThatThrownBy(() -> client.listVolumes(failing, ZONE, List.of("atrium")))
        .isInstanceOf(ScalewayException.Unauthorized.class);
    assertThat(client.listVolumes(healthy, ZONE, List.of("atrium"))).isEmpty();
    assertThat(stub.calls())
        .extracting(RecordedCall::authToken)
        .containsExactly(failing.secretKey(), healthy.secretKey());
  }

  @Test
  void aFaultCountedDownAppliesThatManyTimesAndOnlyInItsZone() throws Exception {
    ScalewayCredentials org = stub.newCredentials();
    stub.inject(FaultRule.on(StubRoute.LIST_SERVERS, StubFault.status(403)).times(2).inZone(ZONE));

    assertThatThrownBy(() -> client.listServers(org, ZONE, List.of()))
        .isInstanceOf(ScalewayException.Forbidden.class);
    assertThat(client.listServers(org, "fr-par-1", List.of())).isEmpty();
    assertThatThrownBy(() -> client.listServers(org, ZONE, List.of()))
        .isInstanceOf(ScalewayException.Forbidden.class);
    assertThat(client.listServers(org, ZONE, List.of())).isEmpty();
  }

  @Test
  void aRevokedKeyIsUnauthorized() throws Exception {
    ScalewayCredentials org = stub.newCredentials();
    client.checkCredentials(org, ZONE);
    stub.revokeKey(org.secretKey());
    assertThatThrownBy(() -> client.checkCredentials(org, ZONE))
        .isInstanceOf(ScalewayException.Unauthorized.class);
  }

  @Test
  void pagingParametersAreCheckedAsScalewayDoes() throws Exception {
    ScalewayCredentials org = stub.newCredentials();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> tooBig =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(stub.baseUrl() + "/instance/v1/zones/fr-par-2/servers?per_page=101"))
                .header("X-Auth-Token", org.secretKey())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(tooBig.statusCode()).isEqualTo(400);
    assertThat(tooBig.body()).contains("invalid_arguments").contains("per_page");

    for (int i = 0; i < 3; i++) {
      stub.seedServer(org.projectId(), ZONE, "s" + i, "L4-1-24G", List.of("atrium"), "stopped");
    }
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        stub.baseUrl() + "/instance/v1/zones/fr-par-2/servers?per_page=2&page=2"))
                .header("X-Auth-Token", org.secretKey())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().firstValue("X-Total-Count")).contains("3");
    assertThat(Json.newMapper().readTree(page.body()).get("servers")).hasSize(1);

    HttpResponse<String> noKey =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(stub.baseUrl() + "/instance/v1/zones/fr-par-2/servers"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(noKey.body()).contains("denied_authentication");
  }

  @Test
  void aVolumeAlreadyAttachedCannotBeAttachedAgain() throws Exception {
    ScalewayCredentials org = stub.newCredentials();
    Volume data =
        client.createVolume(
            org,
            ZONE,
            CreateVolumeRequest.empty("d", org.projectId(), 1_000_000_000L, List.of("atrium")));
    client.createServer(
        org,
        ZONE,
        CreateServerRequest.of(
            "a",
            "L4-1-24G",
            "img",
            org.projectId(),
            List.of(),
            1_000_000_000L,
            Optional.of(data.id())));

    ScalewayException.Rejected rejected =
        catchThrowableOfType(
            () ->
                client.createServer(
                    org,
                    ZONE,
                    CreateServerRequest.of(
                        "b",
                        "L4-1-24G",
                        "img",
                        org.projectId(),
                        List.of(),
                        1_000_000_000L,
                        Optional.of(data.id()))),
            ScalewayException.Rejected.class);
    assertThat(rejected.isWrongState()).isTrue();
    assertThat(stub.servers(org.projectId(), ZONE)).hasSize(1);
  }

  @Test
  void aServerDeletedBehindAtriumsBackLeavesItsVolumesDetached() throws Exception {
    ScalewayCredentials org = stub.newCredentials();
    Server server = create(org);
    stub.deleteServerBehindAtriumsBack(server.id());
    assertThatThrownBy(() -> client.getServer(org, ZONE, server.id()))
        .isInstanceOf(ScalewayException.NotFound.class);
    assertThat(stub.volume(server.volumes().get("0").id()).orElseThrow().isAttached()).isFalse();
    assertThat(stub.deletedServerIds()).containsExactly(server.id());
  }
}
