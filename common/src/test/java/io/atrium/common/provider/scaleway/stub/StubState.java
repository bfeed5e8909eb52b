package io.atrium.common.provider.scaleway.stub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The stub's servers and volumes, per project and zone, and their state machine. Every method runs
 * under the stub's lock and first applies the transitions that are due.
 */
final class StubState {
  static final class ServerEntity {
    final String id;
    final String name;
    final String project;
    final String zone;
    final String commercialType;
    final String image;
    final Instant creationDate;
    final Map<String, String> volumeSlots = new LinkedHashMap<>();
    List<String> tags;
    String state = "stopped";
    String publicIpId;
    String publicIpAddress;
    Instant modificationDate;
    Pending pending;

    ServerEntity(
        String id,
        String name,
        String project,
        String zone,
        String commercialType,
        String image,
        List<String> tags,
        Instant now) {
      this.id = id;
      this.name = name;
      this.project = project;
      this.zone = zone;
      this.commercialType = commercialType;
      this.image = image;
      this.tags = List.copyOf(tags);
      this.creationDate = now;
      this.modificationDate = now;
    }
  }

  static final class VolumeEntity {
    final String id;
    final String project;
    final String zone;
    final long size;
    final Instant createdAt;
    String name;
    List<String> tags;
    String status;
    String attachedTo;
    boolean boot;
    Instant updatedAt;
    Instant lastDetachedAt;
    Pending pending;

    VolumeEntity(
        String id,
        String name,
        String project,
        String zone,
        long size,
        List<String> tags,
        String status,
        Instant now) {
      this.id = id;
      this.name = name;
      this.project = project;
      this.zone = zone;
      this.size = size;
      this.tags = List.copyOf(tags);
      this.status = status;
      this.createdAt = now;
      this.updatedAt = now;
    }
  }

  /** A transition under way: to {@code to} (or removal) once {@code due} has passed. */
  record Pending(String to, boolean remove, Instant due) {}

  private final Map<String, Map<String, LinkedHashMap<String, ServerEntity>>> servers =
      new HashMap<>();
  private final Map<String, Map<String, LinkedHashMap<String, VolumeEntity>>> volumes =
      new HashMap<>();
  private final Map<String, ServerEntity> serversById = new HashMap<>();
  private final Map<String, VolumeEntity> volumesById = new HashMap<>();
  private final Set<ServerEntity> pendingServers = new LinkedHashSet<>();
  private final Set<VolumeEntity> pendingVolumes = new LinkedHashSet<>();
  private final List<String> deletedVolumeIds = new ArrayList<>();
  private final List<String> deletedServerIds = new ArrayList<>();
  private final AtomicInteger addresses = new AtomicInteger();

  private Clock clock;
  private Duration transitionDelay = Duration.ZERO;
  private boolean manual;

  StubState(Clock clock) {
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  void clock(Clock newClock) {
    this.clock = newClock;
  }

  void transitions(Duration delay, boolean manualOnly) {
    this.transitionDelay = delay;
    this.manual = manualOnly;
  }

  // ---- servers

  List<ServerEntity> servers(String project, String zone, Predicate<ServerEntity> filter) {
    settle();
    return servers
        .getOrDefault(project, Map.of())
        .getOrDefault(zone, new LinkedHashMap<>())
        .values()
        .stream()
        .filter(filter)
        .toList();
  }

  Optional<ServerEntity> server(String project, String zone, String id) {
    settle();
    ServerEntity server = serversById.get(id);
    return server != null && server.project.equals(project) && server.zone.equals(zone)
        ? Optional.of(server)
        : Optional.empty();
  }

  Optional<ServerEntity> serverAnywhere(String id) {
    settle();
    return Optional.ofNullable(serversById.get(id));
  }

  ServerEntity createServer(
      String project,
      String zone,
      String name,
      String commercialType,
      String image,
      List<String> tags,
      long bootVolumeBytes,
      List<String> attachVolumeIds) {
    settle();
    List<VolumeEntity> attach = new ArrayList<>();
    for (String volumeId : attachVolumeIds) {
      VolumeEntity volume =
          volume(project, zone, volumeId).orElseThrow(() -> StubError.notFound("volume", volumeId));
      if (volume.attachedTo != null) {
        throw StubError.wrongState("volume " + volumeId + " is already attached to a server");
      }
      if (!volume.status.equals("available")) {
        throw StubError.transientState("volume", volumeId, volume.status);
      }
      attach.add(volume);
    }
    Instant now = now();
    ServerEntity server =
        new ServerEntity(
            UUID.randomUUID().toString(), name, project, zone, commercialType, image, tags, now);
    VolumeEntity boot =
        putVolume(project, zone, name + "-boot", bootVolumeBytes, List.of(), "in_use", now);
    boot.boot = true;
    boot.attachedTo = server.id;
    server.volumeSlots.put("0", boot.id);
    int slot = 1;
    for (VolumeEntity volume : attach) {
      volume.attachedTo = server.id;
      volume.status = "in_use";
      volume.updatedAt = now;
      server.volumeSlots.put(Integer.toString(slot++), volume.id);
    }
    index(server);
    return server;
  }

  /** A server put in place by a test, with no call. */
  ServerEntity seedServer(
      String project,
      String zone,
      String name,
      String commercialType,
      List<String> tags,
      String state) {
    ServerEntity server =
        createServer(
            project, zone, name, commercialType, "seeded-image", tags, 20_000_000_000L, List.of());
    server.state = state;
    if (state.equals("running")) {
      assignAddress(server);
    }
    return server;
  }

  private void index(ServerEntity server) {
    servers
        .computeIfAbsent(server.project, p -> new HashMap<>())
        .computeIfAbsent(server.zone, z -> new LinkedHashMap<>())
        .put(server.id, server);
    serversById.put(server.id, server);
  }

  static List<String> allowedActions(String state) {
    return switch (state) {
      case "stopped", "stopped_in_place" -> List.of("poweron", "backup", "terminate");
      case "running" -> List.of("poweroff", "terminate", "reboot", "stop_in_place", "backup");
      default -> List.of();
    };
  }

  void action(ServerEntity server, String action) {
    settle();
    if (!allowedActions(server.state).contains(action)) {
      throw StubError.wrongState(
          "action " + action + " is not allowed while the server is " + server.state);
    }
    switch (action) {
      case "poweron" -> begin(server, "starting", new Pending("running", false, due()));
      case "poweroff" -> begin(server, "stopping", new Pending("stopped", false, due()));
      case "terminate" -> begin(server, "stopping", new Pending(null, true, due()));
      default -> throw StubError.invalidArgument("action", "poweron, poweroff or terminate");
    }
  }

  private void begin(ServerEntity server, String transient_, Pending pending) {
    server.state = transient_;
    server.modificationDate = now();
    server.pending = pending;
    pendingServers.add(server);
    if (!manual && transitionDelay.isZero()) {
      complete(server);
    }
  }

  void deleteServer(ServerEntity server) {
    settle();
    if (!server.state.equals("stopped") && !server.state.equals("stopped_in_place")) {
      throw StubError.wrongState("the server must be stopped to be deleted, it is " + server.state);
    }
    remove(server);
  }

  private void remove(ServerEntity server) {
    Instant now = now();
    for (String volumeId : server.volumeSlots.values()) {
      VolumeEntity volume = volumesById.get(volumeId);
      if (volume != null) {
        volume.attachedTo = null;
        volume.status = "available";
        volume.updatedAt = now;
        volume.lastDetachedAt = now;
      }
    }
    servers.get(server.project).get(server.zone).remove(server.id);
    serversById.remove(server.id);
    pendingServers.remove(server);
    deletedServerIds.add(server.id);
  }

  private void complete(ServerEntity server) {
    Pending pending = server.pending;
    server.pending = null;
    pendingServers.remove(server);
    if (pending == null) {
      return;
    }
    if (pending.remove()) {
      remove(server);
      return;
    }
    server.state = pending.to();
    server.modificationDate = now();
    if (pending.to().equals("running")) {
      assignAddress(server);
    } else if (pending.to().equals("stopped")) {
      server.publicIpId = null;
      server.publicIpAddress = null;
    }
  }

  private void assignAddress(ServerEntity server) {
    int n = addresses.incrementAndGet();
    server.publicIpId = UUID.randomUUID().toString();
    server.publicIpAddress = "51.15." + (n / 250 % 250) + "." + (n % 250 + 1);
  }

  // ---- volumes

  List<VolumeEntity> volumes(String project, String zone, Predicate<VolumeEntity> filter) {
    settle();
    return volumes
        .getOrDefault(project, Map.of())
        .getOrDefault(zone, new LinkedHashMap<>())
        .values()
        .stream()
        .filter(filter)
        .toList();
  }

  Optional<VolumeEntity> volume(String project, String zone, String id) {
    settle();
    VolumeEntity volume = volumesById.get(id);
    return volume != null && volume.project.equals(project) && volume.zone.equals(zone)
        ? Optional.of(volume)
        : Optional.empty();
  }

  Optional<VolumeEntity> volumeAnywhere(String id) {
    settle();
    return Optional.ofNullable(volumesById.get(id));
  }

  VolumeEntity createVolume(
      String project, String zone, String name, long size, List<String> tags) {
    settle();
    VolumeEntity volume = putVolume(project, zone, name, size, tags, "creating", now());
    volume.pending = new Pending("available", false, due());
    pendingVolumes.add(volume);
    if (!manual && transitionDelay.isZero()) {
      completeVolume(volume);
    }
    return volume;
  }

  VolumeEntity putVolume(
      String project,
      String zone,
      String name,
      long size,
      List<String> tags,
      String status,
      Instant at) {
    VolumeEntity volume =
        new VolumeEntity(UUID.randomUUID().toString(), name, project, zone, size, tags, status, at);
    volumes
        .computeIfAbsent(project, p -> new HashMap<>())
        .computeIfAbsent(zone, z -> new LinkedHashMap<>())
        .put(volume.id, volume);
    volumesById.put(volume.id, volume);
    return volume;
  }

  void updateVolume(VolumeEntity volume, Optional<String> name, Optional<List<String>> tags) {
    settle();
    name.ifPresent(n -> volume.name = n);
    tags.ifPresent(t -> volume.tags = List.copyOf(t));
    volume.updatedAt = now();
  }

  void deleteVolume(VolumeEntity volume) {
    settle();
    if (volume.attachedTo != null) {
      throw StubError.stillInUse();
    }
    if (volume.status.equals("creating")) {
      throw StubError.transientState("volume", volume.id, volume.status);
    }
    volumes.get(volume.project).get(volume.zone).remove(volume.id);
    volumesById.remove(volume.id);
    pendingVolumes.remove(volume);
    deletedVolumeIds.add(volume.id);
  }

  private void completeVolume(VolumeEntity volume) {
    Pending pending = volume.pending;
    volume.pending = null;
    pendingVolumes.remove(volume);
    if (pending != null) {
      volume.status = volume.attachedTo != null ? "in_use" : pending.to();
      volume.updatedAt = now();
    }
  }

  // ---- transitions

  private Instant due() {
    return manual ? Instant.MAX : now().plus(transitionDelay);
  }

  /** Applies the transitions whose time has come. */
  void settle() {
    if (pendingServers.isEmpty() && pendingVolumes.isEmpty()) {
      return;
    }
    Instant now = now();
    for (ServerEntity server : List.copyOf(pendingServers)) {
      if (!server.pending.due().isAfter(now)) {
        complete(server);
      }
    }
    for (VolumeEntity volume : List.copyOf(pendingVolumes)) {
      if (!volume.pending.due().isAfter(now)) {
        completeVolume(volume);
      }
    }
  }

  /** Completes every transition under way now, whatever its delay (manual stepping). */
  void completeAll() {
    List.copyOf(pendingServers).forEach(this::complete);
    List.copyOf(pendingVolumes).forEach(this::completeVolume);
  }

  /** Completes the transition of one server (or volume) under way. */
  boolean complete(String id) {
    ServerEntity server = serversById.get(id);
    if (server != null && server.pending != null) {
      complete(server);
      return true;
    }
    VolumeEntity volume = volumesById.get(id);
    if (volume != null && volume.pending != null) {
      completeVolume(volume);
      return true;
    }
    return false;
  }

  List<String> deletedVolumeIds() {
    return List.copyOf(deletedVolumeIds);
  }

  List<String> deletedServerIds() {
    return List.copyOf(deletedServerIds);
  }

  int volumeCount() {
    return volumesById.size();
  }

  int serverCount() {
    return serversById.size();
  }

  void clear() {
    servers.clear();
    volumes.clear();
    serversById.clear();
    volumesById.clear();
    pendingServers.clear();
    pendingVolumes.clear();
    deletedServerIds.clear();
    deletedVolumeIds.clear();
  }
}
