package io.atrium.common.provider.scaleway.stub;

import java.util.Optional;

/**
 * A fault on one route (or {@link StubRoute#ANY}), for the next {@code times} matching calls (or
 * every one), optionally only for calls carrying one secret key or aimed at one zone.
 */
public record FaultRule(
    StubRoute route, StubFault fault, int times, Optional<String> token, Optional<String> zone) {
  public static final int ALWAYS = -1;

  public static FaultRule on(StubRoute route, StubFault fault) {
    return new FaultRule(route, fault, ALWAYS, Optional.empty(), Optional.empty());
  }

  public FaultRule times(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a fault applies at least once");
    }
    return new FaultRule(route, fault, count, token, zone);
  }

  public FaultRule once() {
    return times(1);
  }

  /** Only calls with this {@code X-Auth-Token}: one organization's credentials failing. */
  public FaultRule forToken(String secretKey) {
    return new FaultRule(route, fault, times, Optional.of(secretKey), zone);
  }

  public FaultRule inZone(String zoneName) {
    return new FaultRule(route, fault, times, token, Optional.of(zoneName));
  }

  boolean matches(StubRoute actual, String callToken, String callZone) {
    return route.matches(actual)
        && token.map(t -> t.equals(callToken)).orElse(true)
        && zone.map(z -> z.equals(callZone)).orElse(true);
  }
}
