package io.atrium.common.provider.scaleway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server of the Instance API, the fields Atrium reads. {@code state} is one of {@code stopped,
 * starting, running, stopping, stopped_in_place, locked}; an address appears once running.
 */
public record Server(
    String id,
    String name,
    String project,
    String zone,
    String commercialType,
    List<String> tags,
    String state,
    List<PublicIp> publicIps,
    PublicIp publicIp,
    Map<String, ServerVolume> volumes,
    Instant creationDate,
    List<String> allowedActions) {

  public record PublicIp(String id, String address) {}

  /** One entry of {@code volumes}: {@code "0"} is the boot volume. */
  public record ServerVolume(
      String id, String volumeType, Boolean boot, String zone, String state) {}

  public Server {
    tags = tags == null ? List.of() : List.copyOf(tags);
    publicIps = publicIps == null ? List.of() : List.copyOf(publicIps);
    volumes = volumes == null ? Map.of() : Map.copyOf(volumes);
    allowedActions = allowedActions == null ? List.of() : List.copyOf(allowedActions);
  }

  public boolean isRunning() {
    return "running".equals(state);
  }

  /** The public address: the first of {@code public_ips}, else the older {@code public_ip}. */
  public Optional<String> address() {
    return publicIps.stream()
        .map(PublicIp::address)
        .filter(a -> a != null && !a.isBlank())
        .findFirst()
        .or(() -> Optional.ofNullable(publicIp).map(PublicIp::address).filter(a -> !a.isBlank()));
  }

  public boolean hasTag(String tag) {
    return tags.contains(tag);
  }
}
