package io.atrium.common.provider.scaleway.stub;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One call the stub received, as answered: for assertions such as "every call made for organization
 * A carried A's key" or "one list call per page".
 *
 * @param authToken the {@code X-Auth-Token} header, null when absent
 * @param zone the zone of the path, null for an unknown route
 * @param status the status answered; 0 while not answered (a delay fault) or never answered
 */
public record RecordedCall(
    String method,
    String path,
    Map<String, List<String>> query,
    StubRoute route,
    String authToken,
    String zone,
    int status,
    Instant at) {

  public String queryValue(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
