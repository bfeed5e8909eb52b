package io.atrium.common.provider.scaleway.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.atrium.common.json.Json;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import io.atrium.common.provider.scaleway.Server;
import io.atrium.common.provider.scaleway.Volume;
import io.atrium.common.provider.scaleway.stub.StubState.ServerEntity;
import io.atrium.common.provider.scaleway.stub.StubState.VolumeEntity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Scaleway API for tests, in memory, speaking {@code scaleway.md}: the Instance API's products,
 * availability and servers, and the Block API's volumes, per project and zone, with paging, tags,
 * attachment rules, the server state machine, per-route fault injection and a recording of every
 * call (method, path, query, secret key, status).
 *
 * <p>Keys: each secret key belongs to one project ({@link #newCredentials()} or {@link #addKey});
 * an unknown key answers 401, a project the key does not own 403 on lists and creates, and another
 * project's resource 404.
 *
 * <p>Transitions (power on/off, terminate, a volume's {@code creating}) complete at once by
 * default; {@link #transitionDelay} makes them take a while on the stub's clock, {@link
 * #manualTransitions} holds them until {@link #completeTransitions}.
 *
 * <pre>{@code
 * try (ScalewayStub stub = ScalewayStub.start()) {
 *   ScalewayCredentials org = stub.newCredentials();
 *   stub.inject(FaultRule.on(StubRoute.LIST_VOLUMES, StubFault.rateLimited(Duration.ofSeconds(2))).once());
 *   ... new ScalewayClient(ScalewayConfig.defaults(stub.baseUrl()), mapper) ...
 *   assertThat(stub.calls()).allMatch(call -> call.authToken().equals(org.secretKey()));
 * }
 * }</pre>
 */
public final class ScalewayStub implements AutoCloseable {
  /** The zones of the contract's default {@code SCALEWAY_ZONES}. */
  public static final List<String> ZONES = List.of("fr-par-1", "fr-par-2", "nl-ams-1", "pl-waw-1");

  /** A call as it arrives; its status is set once answered. */
  private static final class CallEntry {
    final StubRouter.Request request;
    final Instant at;
    volatile int status;

    CallEntry(StubRouter.Request request, Instant at) {
      this.request = request;
      this.at = at;
    }

    RecordedCall snapshot() {
      return new RecordedCall(
          request.method(),
          request.path(),
          request.query(),
          request.route(),
          request.token(),
          request.zone(),
          status,
          at);
    }
  }

  private static final class ActiveFault {
    final FaultRule rule;
    final AtomicInteger remaining;

    ActiveFault(FaultRule rule) {
      this.rule = rule;
      this.remaining = new AtomicInteger(rule.times());
    }

    /** Whether this fault applies to the call, counting it down when it does. */
    boolean take() {
      if (rule.times() == FaultRule.ALWAYS) {
        return true;
      }
      return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper mapper = Json.newMapper();
  private final StubState state;
  private final StubRouter router;
  private final Map<String, String> projectsByKey = new ConcurrentHashMap<>();
  private final List<ActiveFault> faults = new CopyOnWriteArrayList<>();
  private final List<CallEntry> calls = new CopyOnWriteArrayList<>();
  private final Set<String> zones = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile StubCatalog catalog = StubCatalog.standard();

  private ScalewayStub(Clock clock) throws IOException {
    this.state = new StubState(clock);
    this.router = new StubRouter(this);
    this.zones.addAll(ZONES);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "scaleway-stub");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A stub on a free loopback port, on the system clock. */
  public static ScalewayStub start() {
    return start(Clock.systemUTC());
  }

  /** A stub whose transitions and dates follow {@code clock}. */
  public static ScalewayStub start(Clock clock) {
    try {
      return new ScalewayStub(clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Scaleway stub", e);
    }
  }

  /** The value for {@code SCALEWAY_API_URL}. */
  public URI baseUrl() {
    return URI.create(
        "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- keys and projects

  /** A new project with a new secret key (a UUID, like Scaleway's). */
  public ScalewayCredentials newCredentials() {
    ScalewayCredentials credentials =
        new ScalewayCredentials(UUID.randomUUID().toString(), UUID.randomUUID().toString());
    addKey(credentials.secretKey(), credentials.projectId());
    return credentials;
  }

  public void addKey(String secretKey, String projectId) {
    projectsByKey.put(secretKey, projectId);
  }

  /** The key answers 401 from now on (revoked or expired at Scaleway). */
  public void revokeKey(String secretKey) {
    projectsByKey.remove(secretKey);
  }

  Optional<String> projectOf(String secretKey) {
    return secretKey == null ? Optional.empty() : Optional.ofNullable(projectsByKey.get(secretKey));
  }

  // ---- catalog and zones

  /** The catalog the products routes answer; {@link StubCatalog#standard()} at first. */
  public StubCatalog catalog() {
    return catalog;
  }

  public void catalog(StubCatalog newCatalog) {
    this.catalog = newCatalog;
  }

  public void addZone(String zone) {
    zones.add(zone);
  }

  boolean knownZone(String zone) {
    return zones.contains(zone);
  }

  // ---- transitions

  /** Transitions complete {@code delay} after they begin, on the stub's clock (zero: at once). */
  public void transitionDelay(Duration delay) {
    synchronized (state) {
      state.transitions(delay, false);
    }
  }

  /** Transitions wait for {@link #completeTransitions()} or {@link #completeTransition}. */
  public void manualTransitions() {
    synchronized (state) {
      state.transitions(Duration.ZERO, true);
    }
  }

  public void completeTransitions() {
    synchronized (state) {
      state.completeAll();
    }
  }

  /** Completes the transition under way of one server or volume; false if none was. */
  public boolean completeTransition(String id) {
    synchronized (state) {
      return state.complete(id);
    }
  }

  /** Replaces the clock (a test's mutable clock), for delayed transitions. */
  public void clock(Clock clock) {
    synchronized (state) {
      state.clock(clock);
    }
  }

  // ---- faults

  public void inject(FaultRule rule) {
    faults.add(new ActiveFault(rule));
  }

  public void clearFaults() {
    faults.clear();
  }

  Optional<StubFault> takeFault(StubRoute route, String token, String zone) {
    for (ActiveFault fault : faults) {
      if (fault.rule.matches(route, token, zone) && fault.take()) {
        return Optional.of(fault.rule.fault());
      }
    }
    return Optional.empty();
  }

  // ---- recordings

  /** Every call received since the last reset, in order of arrival. */
  public List<RecordedCall> calls() {
    return calls.stream().map(CallEntry::snapshot).toList();
  }

  public List<RecordedCall> calls(StubRoute route) {
    return calls().stream().filter(call -> route.matches(call.route())).toList();
  }

  public void clearCalls() {
    calls.clear();
  }

  /** The ids of every volume deleted by a call (204), in order. */
  public List<String> deletedVolumeIds() {
    synchronized (state) {
      return state.deletedVolumeIds();
    }
  }

  /** The ids of every server deleted or terminated, in order. */
  public List<String> deletedServerIds() {
    synchronized (state) {
      return state.deletedServerIds();
    }
  }

  /** Forgets servers, volumes, faults and calls; keys, zones and the catalog stay. */
  public void reset() {
    synchronized (state) {
      state.clear();
      state.transitions(Duration.ZERO, false);
    }
    faults.clear();
    calls.clear();
  }

  // ---- state, seen and seeded without a call

  public Optional<Server> server(String serverId) {
    synchronized (state) {
      return state.serverAnywhere(serverId).map(s -> convert(serverJson(s), Server.class));
    }
  }

  public List<Server> servers(String projectId, String zone) {
    synchronized (state) {
      return state.servers(projectId, zone, s -> true).stream()
          .map(s -> convert(serverJson(s), Server.class))
          .toList();
    }
  }

  public Optional<Volume> volume(String volumeId) {
    synchronized (state) {
      return state.volumeAnywhere(volumeId).map(v -> convert(StubJson.volume(v), Volume.class));
    }
  }

  public List<Volume> volumes(String projectId, String zone) {
    synchronized (state) {
      return state.volumes(projectId, zone, v -> true).stream()
          .map(v -> convert(StubJson.volume(v), Volume.class))
          .toList();
    }
  }

  public int volumeCount() {
    synchronized (state) {
      return state.volumeCount();
    }
  }

  public int serverCount() {
    synchronized (state) {
      return state.serverCount();
    }
  }

  /** A detached, available volume put in place with no call (an orphan, a foreign volume …). */
  public Volume seedVolume(
      String projectId,
      String zone,
      String name,
      long sizeBytes,
      List<String> tags,
      Instant createdAt) {
    synchronized (state) {
      VolumeEntity volume =
          state.putVolume(projectId, zone, name, sizeBytes, tags, "available", createdAt);
      return convert(StubJson.volume(volume), Volume.class);
    }
  }

  /** A server put in place with no call, in {@code stopped} or {@code running}. */
  public Server seedServer(
      String projectId,
      String zone,
      String name,
      String commercialType,
      List<String> tags,
      String serverState) {
    synchronized (state) {
      return convert(
          serverJson(state.seedServer(projectId, zone, name, commercialType, tags, serverState)),
          Server.class);
    }
  }

  /** Deletes a server as if someone did it in Scaleway's console (its volumes stay, detached). */
  public void deleteServerBehindAtriumsBack(String serverId) {
    synchronized (state) {
      state
          .serverAnywhere(serverId)
          .ifPresent(
              s -> {
                s.state = "stopped";
                state.deleteServer(s);
              });
    }
  }

  StubState state() {
    return state;
  }

  ObjectNode serverJson(ServerEntity server) {
    return StubJson.server(server, id -> state.volumeAnywhere(id).orElse(null));
  }

  private <T> T convert(JsonNode node, Class<T> type) {
    return mapper.convertValue(node, type);
  }

  ObjectMapper mapper() {
    return mapper;
  }

  // ---- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] requestBody;
      try (InputStream in = exchange.getRequestBody()) {
        requestBody = in.readAllBytes();
      }
      StubRouter.Request request =
          StubRouter.Request.of(
              exchange.getRequestMethod(),
              exchange.getRequestURI(),
              exchange.getRequestHeaders().getFirst("X-Auth-Token"),
              requestBody);
      CallEntry entry = new CallEntry(request, Instant.now());
      calls.add(entry);
      StubRouter.Response response = router.route(request);
      entry.status = response.status();
      if (response.delayBeforeAnswer().compareTo(Duration.ZERO) > 0
          && !pause(response.delayBeforeAnswer())) {
        return;
      }
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] body = response.body() == null ? new byte[0] : response.body();
      if (body.length > 0 && !response.headers().containsKey("Content-Type")) {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
      }
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      // the client went away (a time-out on its side): nothing to answer
    }
  }

  /** Waits; false when the stub closes meanwhile. */
  boolean pause(Duration delay) {
    try {
      return !closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static List<String> split(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    Collections.addAll(parts, commaSeparated.split(","));
    return parts.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
