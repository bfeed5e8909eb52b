package io.atrium.common.provider.scaleway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.atrium.common.config.ScalewayConfig;
import io.atrium.common.json.Json;
import io.atrium.common.provider.scaleway.stub.FaultRule;
import io.atrium.common.provider.scaleway.stub.RecordedCall;
import io.atrium.common.provider.scaleway.stub.ScalewayStub;
import io.atrium.common.provider.scaleway.stub.StubCatalog;
import io.atrium.common.provider.scaleway.stub.StubFault;
import io.atrium.common.provider.scaleway.stub.StubRoute;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The client against the stub over HTTP: every call of scaleway.md, paging, and each failure. */
class ScalewayClientIT {
  private static final String ZONE = "fr-par-1";
  private static final long GB = 1_000_000_000L;

  private static ScalewayStub stub;

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private ScalewayCredentials org;
  private ScalewayClient client;

  @BeforeAll
  static void startStub() {
    stub = ScalewayStub.start();
  }

  @AfterAll
  static void stopStub() {
    stub.close();
  }

  @BeforeEach
  void setUp() {
    stub.reset();
    org = stub.newCredentials();
    client = client(config(stub.baseUrl(), Duration.ofSeconds(5), 4, Duration.ofSeconds(10)));
    Logger logger = (Logger) LoggerFactory.getLogger(ScalewayClient.class);
    logger.setLevel(Level.DEBUG);
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void noLogLineCarriesTheSecret() {
    Logger logger = (Logger) LoggerFactory.getLogger(ScalewayClient.class);
    logger.detachAppender(logs);
    assertThat(logs.list)
        .allSatisfy(
            event -> assertThat(event.getFormattedMessage()).doesNotContain(org.secretKey()));
  }

  private static ScalewayConfig config(
      URI url, Duration requestTimeout, int attempts, Duration budget) {
    return new ScalewayConfig(
        url, Duration.ofSeconds(2), requestTimeout, attempts, budget, Duration.ofMillis(100));
  }

  private ScalewayClient client(ScalewayConfig config) {
    return new ScalewayClient(config, Json.newMapper(), sleeps::add, Clock.systemUTC());
  }

  private List<RecordedCall> callsOf(StubRoute route) {
    return stub.calls(route);
  }

  // ---- the credential check

  @Test
  void theCredentialCheckListsOneServerOfTheProjectWithTheKey() throws Exception {
    client.checkCredentials(org, ZONE);

    RecordedCall call = stub.calls().get(0);
    assertThat(stub.calls()).hasSize(1);
    assertThat(call.method()).isEqualTo("GET");
    assertThat(call.path()).isEqualTo("/instance/v1/zones/fr-par-1/servers");
    assertThat(call.queryValue("project")).isEqualTo(org.projectId());
    assertThat(call.queryValue("per_page")).isEqualTo("1");
    assertThat(call.authToken()).isEqualTo(org.secretKey());
    assertThat(call.status()).isEqualTo(200);
  }

  @Test
  void anUnknownKeyIsUnauthorizedAndAnotherProjectForbiddenWithoutRetries() {
    ScalewayCredentials unknown = new ScalewayCredentials("0c8ba4f8-unknown", org.projectId());
    ScalewayException.Unauthorized unauthorized =
        catchThrowableOfType(
            () -> client.checkCredentials(unknown, ZONE), ScalewayException.Unauthorized.class);
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.type()).contains("denied_authentication");
    assertThat(unauthorized.getMessage()).doesNotContain(unknown.secretKey());

    ScalewayCredentials otherProject = new ScalewayCredentials(org.secretKey(), "another-project");
    ScalewayException.Forbidden forbidden =
        catchThrowableOfType(
            () -> client.checkCredentials(otherProject, ZONE), ScalewayException.Forbidden.class);
    assertThat(forbidden.type()).contains("permissions_denied");
    assertThat(forbidden.getMessage()).doesNotContain(org.secretKey());

    assertThat(stub.calls()).hasSize(2);
    assertThat(sleeps).isEmpty();
  }

  // ---- catalog

  @Test
  void serverTypesAreReadAsScalewayDescribesThem() throws Exception {
    Map<String, ServerType> types = client.listServerTypes(org, ZONE);

    assertThat(types).containsKeys("L4-1-24G", "H100-1-80G", "DEV1-S");
    ServerType l4 = types.get("L4-1-24G");
    assertThat(l4.hourlyPrice()).isEqualByComparingTo("0.75");
    assertThat(l4.ncpus()).isEqualTo(8);
    assertThat(l4.ram()).isEqualTo(48L << 30);
    assertThat(l4.gpuCount()).isEqualTo(1);
    assertThat(l4.gpuInfo().gpuName()).isEqualTo("L4");
    assertThat(l4.gpuInfo().gpuMemory()).isEqualTo(24L << 30);
    assertThat(types.get("DEV1-S").gpuInfo()).isNull();
    assertThat(types.get("DEV1-S").gpuCount()).isZero();
    assertThat(client.listAvailability(org, ZONE))
        .containsEntry("L4-1-24G", "available")
        .containsEntry("H100-1-80G", "shortage")
        .containsEntry("L40S-1-48G", "scarce");
  }

  @Test
  void productPagesAreMapsMergedUntilTheTotalCount() throws Exception {
    StubCatalog big = StubCatalog.empty();
    IntStream.range(0, 230)
        .forEach(
            i ->
                big.put(
                    ZONE, StubCatalog.Type.gpu("T-" + i, "1.00", 4, 16, 1, "L4", 24), "available"));
    stub.catalog(big);
    try {
      assertThat(client.listServerTypes(org, ZONE)).hasSize(230);
      assertThat(client.listAvailability(org, ZONE)).hasSize(230);
    } finally {
      stub.catalog(StubCatalog.standard());
    }
    List<RecordedCall> pages = callsOf(StubRoute.LIST_SERVER_TYPES);
    assertThat(pages).extracting(c -> c.queryValue("page")).containsExactly("1", "2", "3");
    assertThat(pages).extracting(c -> c.queryValue("per_page")).containsOnly("100");
  }

  // ---- paging and tags

  @Test
  void serverListsReadEveryPageAndFilterByAllTags() throws Exception {
    for (int i = 0; i < 230; i++) {
      stub.seedServer(
          org.projectId(),
          ZONE,
          "s" + i,
          "L4-1-24G",
          List.of("atrium", "atrium-instance-" + i),
          "stopped");
    }
    stub.seedServer(org.projectId(), ZONE, "not ours", "L4-1-24G", List.of("other"), "stopped");

    assertThat(client.listServers(org, ZONE, List.of("atrium"))).hasSize(230);
    assertThat(client.listServers(org, ZONE, List.of())).hasSize(231);
    List<Server> one = client.listServers(org, ZONE, List.of("atrium", "atrium-instance-7"));
    assertThat(one).extracting(Server::name).containsExactly("s7");

    List<RecordedCall> lists = callsOf(StubRoute.LIST_SERVERS);
    assertThat(lists.get(0).queryValue("tags")).isEqualTo("atrium");
    assertThat(lists.get(0).queryValue("project")).isEqualTo(org.projectId());
    assertThat(lists).hasSize(3 + 3 + 1);
    assertThat(lists.get(lists.size() - 1).queryValue("tags"))
        .isEqualTo("atrium,atrium-instance-7");
  }

  @Test
  void volumeListsReadEveryPageAndMatchAnyTag() throws Exception {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 205; i++) {
      stub.seedVolume(
          org.projectId(), ZONE, "v" + i, 10 * GB, List.of("atrium", "atrium-org-x"), at);
    }
    stub.seedVolume(org.projectId(), ZONE, "untagged", 10 * GB, List.of(), at);
    stub.seedVolume(org.projectId(), ZONE, "legacy", 10 * GB, List.of("legacy"), at);

    assertThat(client.listVolumes(org, ZONE, List.of("atrium"))).hasSize(205);
    assertThat(client.listVolumes(org, ZONE, List.of("legacy", "atrium"))).hasSize(206);
    assertThat(client.listVolumes(org, ZONE, List.of())).hasSize(207);
    Volume first = client.listVolumes(org, ZONE, List.of("atrium")).get(0);
    assertThat(first.size()).isEqualTo(10 * GB);
    assertThat(first.createdAt()).isEqualTo(at);
    assertThat(first.projectId()).isEqualTo(org.projectId());

    RecordedCall page = callsOf(StubRoute.LIST_VOLUMES).get(0);
    assertThat(page.queryValue("project_id")).isEqualTo(org.projectId());
    assertThat(page.queryValue("page_size")).isEqualTo("100");
    assertThat(callsOf(StubRoute.LIST_VOLUMES).get(3).query().get("tags"))
        .containsExactly("legacy", "atrium");
  }

  @Test
  void aFailedPageFailsTheWholeListing() {
    for (int i = 0; i < 150; i++) {
      stub.seedServer(org.projectId(), ZONE, "s" + i, "L4-1-24G", List.of("atrium"), "stopped");
    }
    // the first page answers, then every attempt at the second fails
    stub.inject(FaultRule.on(StubRoute.LIST_SERVERS, StubFault.delay(Duration.ZERO)).once());
    stub.inject(FaultRule.on(StubRoute.LIST_SERVERS, StubFault.status(503)));

    assertThatThrownBy(() -> client.listServers(org, ZONE, List.of("atrium")))
        .isInstanceOf(ScalewayException.ProviderUnavailable.class);
  }

  // ---- the lifecycle of scaleway.md

  @Test
  void aServerWithADataVolumeFromCreationToDeletion() throws Exception {
    List<String> tags = List.of("atrium", "atrium-org-1", "atrium-instance-1");
    Volume data =
        client.createVolume(
            org, ZONE, CreateVolumeRequest.empty("data-1", org.projectId(), 50 * GB, tags));
    assertThat(data.status()).isEqualTo("available");
    assertThat(data.tags()).containsExactlyElementsOf(tags);
    assertThat(callsOf(StubRoute.CREATE_VOLUME)).hasSize(1);

    Server created =
        client.createServer(
            org,
            ZONE,
            CreateServerRequest.of(
                "gpu-1",
                "L4-1-24G",
                "ubuntu-gpu",
                org.projectId(),
                tags,
                20 * GB,
                Optional.of(data.id())));
    assertThat(created.state()).isEqualTo("stopped");
    assertThat(created.tags()).containsExactlyElementsOf(tags);
    assertThat(created.volumes()).containsKeys("0", "1");
    assertThat(created.volumes().get("1").id()).isEqualTo(data.id());
    assertThat(created.volumes().get("0").boot()).isTrue();
    assertThat(created.address()).isEmpty();

    Volume boot = client.getVolume(org, ZONE, created.volumes().get("0").id());
    assertThat(boot.tags()).isEmpty();
    assertThat(client.setVolumeTags(org, ZONE, boot.id(), tags).tags())
        .containsExactlyElementsOf(tags);
    assertThat(client.getVolume(org, ZONE, data.id()).isAttached()).isTrue();

    ScalewayException.Rejected inUse =
        catchThrowableOfType(
            () -> client.deleteVolume(org, ZONE, data.id()), ScalewayException.Rejected.class);
    assertThat(inUse.status()).isEqualTo(412);
    assertThat(inUse.isResourceStillInUse()).isTrue();

    ServerTask task = client.serverAction(org, ZONE, created.id(), ServerAction.POWERON);
    assertThat(task.status()).isEqualTo("pending");
    Server running = client.getServer(org, ZONE, created.id());
    assertThat(running.isRunning()).isTrue();
    assertThat(running.address()).isPresent();

    ScalewayException.Rejected again =
        catchThrowableOfType(
            () -> client.serverAction(org, ZONE, created.id(), ServerAction.POWERON),
            ScalewayException.Rejected.class);
    assertThat(again.isWrongState()).isTrue();
    assertThat(again.type()).contains("invalid_request_error");
    assertThatThrownBy(() -> client.deleteServer(org, ZONE, created.id()))
        .isInstanceOf(ScalewayException.Rejected.class);

    client.serverAction(org, ZONE, created.id(), ServerAction.POWEROFF);
    assertThat(client.getServer(org, ZONE, created.id()).state()).isEqualTo("stopped");
    client.deleteServer(org, ZONE, created.id());

    ScalewayException.NotFound gone =
        catchThrowableOfType(
            () -> client.getServer(org, ZONE, created.id()), ScalewayException.NotFound.class);
    assertThat(gone.resource()).contains("instance_server");
    assertThat(gone.resourceId()).contains(created.id());

    assertThat(client.getVolume(org, ZONE, data.id()).isAttached()).isFalse();
    client.deleteVolume(org, ZONE, data.id());
    client.deleteVolume(org, ZONE, boot.id());
    ScalewayException.NotFound volumeGone =
        catchThrowableOfType(
            () -> client.getVolume(org, ZONE, data.id()), ScalewayException.NotFound.class);
    assertThat(volumeGone.resource()).contains("volume");
    assertThatThrownBy(() -> client.deleteVolume(org, ZONE, data.id()))
        .isInstanceOf(ScalewayException.NotFound.class);
    assertThat(stub.deletedVolumeIds()).containsExactly(data.id(), boot.id());
  }

  @Test
  void terminateRemovesTheServerAndLeavesItsVolumesDetached() throws Exception {
    Server created =
        client.createServer(
            org,
            ZONE,
            CreateServerRequest.of(
                "gpu",
                "L4-1-24G",
                "img",
                org.projectId(),
                List.of("atrium"),
                20 * GB,
                Optional.empty()));
    client.serverAction(org, ZONE, created.id(), ServerAction.POWERON);
    client.serverAction(org, ZONE, created.id(), ServerAction.TERMINATE);

    assertThatThrownBy(() -> client.getServer(org, ZONE, created.id()))
        .isInstanceOf(ScalewayException.NotFound.class);
    Volume boot = client.getVolume(org, ZONE, created.volumes().get("0").id());
    assertThat(boot.isAttached()).isFalse();
    assertThat(boot.isAvailable()).isTrue();
  }

  @Test
  void anotherProjectsResourcesAnswerNotFound() throws Exception {
    Server mine =
        client.createServer(
            org,
            ZONE,
            CreateServerRequest.of(
                "a",
                "L4-1-24G",
                "img",
                org.projectId(),
                List.of("atrium"),
                20 * GB,
                Optional.empty()));
    ScalewayCredentials other = stub.newCredentials();

    assertThatThrownBy(() -> client.getServer(other, ZONE, mine.id()))
        .isInstanceOf(ScalewayException.NotFound.class);
    assertThatThrownBy(() -> client.deleteVolume(other, ZONE, mine.volumes().get("0").id()))
        .isInstanceOf(ScalewayException.NotFound.class);
    assertThat(client.listServers(other, ZONE, List.of("atrium"))).isEmpty();
    assertThat(client.getServer(org, ZONE, mine.id()).id()).isEqualTo(mine.id());
  }

  @Test
  void anInvalidCreateIsRejectedWithScalewaysTypeAndMessage() {
    ScalewayException.Rejected rejected =
        catchThrowableOfType(
            () ->
                client.createServer(
                    org,
                    ZONE,
                    CreateServerRequest.of(
                        "x",
                        "NO-SUCH-TYPE",
                        "img",
                        org.projectId(),
                        List.of(),
                        20 * GB,
                        Optional.empty())),
            ScalewayException.Rejected.class);
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.type()).contains("invalid_arguments");
    assertThat(rejected.providerMessage()).isPresent();
    assertThat(rejected.isWrongState()).isFalse();
  }

  // ---- rate limits

  @Test
  void a429IsRetriedAfterItsRetryAfter() throws Exception {
    stub.inject(
        FaultRule.on(StubRoute.LIST_VOLUMES, StubFault.rateLimited(Duration.ofSeconds(3))).once());

    assertThat(client.listVolumes(org, ZONE, List.of("atrium"))).isEmpty();

    assertThat(callsOf(StubRoute.LIST_VOLUMES))
        .extracting(RecordedCall::status)
        .containsExactly(429, 200);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void a429OnACreateIsRetriedBecauseNothingWasProcessed() throws Exception {
    stub.inject(
        FaultRule.on(StubRoute.CREATE_VOLUME, StubFault.rateLimited(Duration.ofSeconds(1))).once());

    client.createVolume(
        org, ZONE, CreateVolumeRequest.empty("v", org.projectId(), GB, List.of("atrium")));

    assertThat(callsOf(StubRoute.CREATE_VOLUME))
        .extracting(RecordedCall::status)
        .containsExactly(429, 200);
    assertThat(stub.volumes(org.projectId(), ZONE)).hasSize(1);
  }

  @Test
  void persistent429sEndAsRateLimitedOnceTheAttemptsAreSpent() {
    stub.inject(FaultRule.on(StubRoute.GET_SERVER, StubFault.rateLimited(Duration.ofSeconds(2))));

    ScalewayException.RateLimited limited =
        catchThrowableOfType(
            () -> client.getServer(org, ZONE, "any"), ScalewayException.RateLimited.class);

    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(limited.retryAfterGiven()).isTrue();
    assertThat(callsOf(StubRoute.GET_SERVER)).hasSize(4);
    assertThat(sleeps)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void aRetryAfterBeyondTheBudgetIsNotWaitedForButReportedToTheCaller() {
    stub.inject(FaultRule.on(StubRoute.GET_SERVER, StubFault.rateLimited(Duration.ofSeconds(60))));

    ScalewayException.RateLimited limited =
        catchThrowableOfType(
            () -> client.getServer(org, ZONE, "any"), ScalewayException.RateLimited.class);

    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(callsOf(StubRoute.GET_SERVER)).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void a429WithoutRetryAfterBacksOff() {
    stub.inject(FaultRule.on(StubRoute.GET_SERVER, StubFault.rateLimitedWithoutRetryAfter()));

    ScalewayException.RateLimited limited =
        catchThrowableOfType(
            () -> client.getServer(org, ZONE, "any"), ScalewayException.RateLimited.class);

    assertThat(limited.retryAfterGiven()).isFalse();
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofMillis(800));
  }

  // ---- 5xx

  @Test
  void a5xxOnAReadIsRetriedWithBackoff() throws Exception {
    stub.inject(FaultRule.on(StubRoute.LIST_SERVERS, StubFault.status(503)).times(2));

    assertThat(client.listServers(org, ZONE, List.of("atrium"))).isEmpty();

    assertThat(callsOf(StubRoute.LIST_SERVERS))
        .extracting(RecordedCall::status)
        .containsExactly(503, 503, 200);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void persistent5xxsEndAsProviderUnavailableWithTheStatus() {
    stub.inject(FaultRule.on(StubRoute.DELETE_VOLUME, StubFault.status(500)));

    ScalewayException.ProviderUnavailable unavailable =
        catchThrowableOfType(
            () -> client.deleteVolume(org, ZONE, "vol"),
            ScalewayException.ProviderUnavailable.class);

    assertThat(unavailable.status()).isEqualTo(500);
    assertThat(unavailable.type()).isEmpty(); // an HTML page from the gateway
    assertThat(callsOf(StubRoute.DELETE_VOLUME)).hasSize(4);
  }

  @Test
  void a5xxOnACreateIsNotRepeatedSinceItMayHaveTakenEffect() {
    stub.inject(FaultRule.on(StubRoute.CREATE_SERVER, StubFault.processedThenStatus(502)).once());

    assertThatThrownBy(
            () ->
                client.createServer(
                    org,
                    ZONE,
                    CreateServerRequest.of(
                        "x",
                        "L4-1-24G",
                        "img",
                        org.projectId(),
                        List.of("atrium-instance-9"),
                        GB,
                        Optional.empty())))
        .isInstanceOf(ScalewayException.ProviderUnavailable.class);

    assertThat(callsOf(StubRoute.CREATE_SERVER)).hasSize(1);
    assertThat(stub.servers(org.projectId(), ZONE)).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void theRetryBudgetBoundsTheTimeSpentOnOneCall() {
    ScalewayClient tight =
        client(config(stub.baseUrl(), Duration.ofSeconds(5), 10, Duration.ofMillis(250)));
    stub.inject(FaultRule.on(StubRoute.GET_VOLUME, StubFault.status(503)));

    assertThatThrownBy(() -> tight.getVolume(org, ZONE, "vol"))
        .isInstanceOf(ScalewayException.ProviderUnavailable.class);

    // waits of 100 ms, then 200 ms would pass the 250 ms budget: two attempts
    assertThat(callsOf(StubRoute.GET_VOLUME)).hasSize(2);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
  }

  // ---- time-outs and connections

  @Test
  void aReadThatTimesOutIsRetried() throws Exception {
    ScalewayClient impatient =
        client(config(stub.baseUrl(), Duration.ofMillis(300), 3, Duration.ofSeconds(10)));
    Server server = stub.seedServer(org.projectId(), ZONE, "s", "L4-1-24G", List.of(), "running");
    stub.inject(FaultRule.on(StubRoute.GET_SERVER, StubFault.delay(Duration.ofSeconds(30))).once());

    assertThat(impatient.getServer(org, ZONE, server.id()).isRunning()).isTrue();
    assertThat(callsOf(StubRoute.GET_SERVER)).hasSize(2);
  }

  @Test
  void aCreateThatTimesOutIsReportedUnavailableAndNotRepeated() {
    // 2 s, not less: on a loaded machine a shorter time-out can fire before the request reaches
    // the stub at all, and then there is no call to count. The stub holds its answer for 30 s.
    ScalewayClient impatient =
        client(config(stub.baseUrl(), Duration.ofSeconds(2), 3, Duration.ofSeconds(10)));
    stub.inject(
        FaultRule.on(StubRoute.CREATE_VOLUME, StubFault.processedThenDelay(Duration.ofSeconds(30)))
            .once());

    ScalewayException.ProviderUnavailable unavailable =
        catchThrowableOfType(
            () ->
                impatient.createVolume(
                    org,
                    ZONE,
                    CreateVolumeRequest.empty("v", org.projectId(), GB, List.of("atrium"))),
            ScalewayException.ProviderUnavailable.class);

    assertThat(unavailable.status()).isZero();
    assertThat(unavailable.getMessage()).contains("no answer within");
    assertThat(callsOf(StubRoute.CREATE_VOLUME)).hasSize(1);
    assertThat(stub.volumes(org.projectId(), ZONE)).hasSize(1);
  }

  @Test
  void aProviderThatCannotBeReachedIsUnavailableAfterTheAttempts() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ScalewayClient nowhere =
        client(
            config(
                URI.create("http://127.0.0.1:" + closedPort),
                Duration.ofSeconds(1),
                3,
                Duration.ofSeconds(10)));

    ScalewayException.ProviderUnavailable unavailable =
        catchThrowableOfType(
            () -> nowhere.checkCredentials(org, ZONE), ScalewayException.ProviderUnavailable.class);

    assertThat(unavailable.getMessage()).contains("could not connect");
    assertThat(sleeps).hasSize(2);
    client.checkCredentials(org, ZONE); // a logged call, for the log assertion
  }

  @Test
  void callsAreLoggedWithoutTheSecretAndCredentialsNeverShowIt() throws Exception {
    client.checkCredentials(org, ZONE);
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(line -> assertThat(line).contains("GET /instance/v1/zones/fr-par-1/servers"));
    assertThat(org.toString()).doesNotContain(org.secretKey()).contains(org.secretKeyLast4());
  }
}
