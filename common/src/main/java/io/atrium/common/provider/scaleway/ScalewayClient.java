package io.atrium.common.provider.scaleway;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.config.ScalewayConfig;
import io.atrium.common.provider.scaleway.ScalewayHttp.Answer;
import io.atrium.common.provider.scaleway.ScalewayHttp.Call;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The calls of {@code scaleway.md}, typed: records in and out, and a {@link ScalewayException} that
 * says what happened. Every call takes the credentials to use (an organization's own, or the
 * platform's for the catalog) and the zone. Lists read every page; a page that fails fails the
 * whole list, so that an incomplete listing is never taken for "absent". Never call it inside a
 * database transaction.
 */
@Singleton
public final class ScalewayClient {
  static final int PAGE_SIZE = 100;
  private static final int MAX_PAGES = 10_000;

  private final ScalewayHttp http;
  private final ObjectMapper mapper;

  @Inject
  public ScalewayClient(ScalewayConfig config, ObjectMapper mapper) {
    this(config, mapper, Sleeper.REAL, Clock.systemUTC());
  }

  public ScalewayClient(ScalewayConfig config, ObjectMapper mapper, Sleeper sleeper, Clock clock) {
    this.http = new ScalewayHttp(config, mapper, sleeper, clock);
    this.mapper = mapper;
  }

  /**
   * The credential check of {@code PUT /providers/scaleway/credentials}: {@code GET
   * /instance/v1/zones/{zone}/servers?project=&per_page=1}. Returns when the key may list the
   * project's servers; {@link ScalewayException.Unauthorized} or {@link
   * ScalewayException.Forbidden} when the key is refused.
   */
  public void checkCredentials(ScalewayCredentials credentials, String zone)
      throws ScalewayException {
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("project", List.of(credentials.projectId()));
    query.put("per_page", List.of("1"));
    http.send(credentials, new Call("GET", instance(zone) + "/servers", query, null));
  }

  /** Every commercial type of the zone (all pages merged), by code. */
  public Map<String, ServerType> listServerTypes(ScalewayCredentials credentials, String zone)
      throws ScalewayException {
    return instanceMapPages(
        credentials, instance(zone) + "/products/servers", new LinkedHashMap<>(), ServerType.class);
  }

  /** {@code available}, {@code scarce} or {@code shortage} per commercial type of the zone. */
  public Map<String, String> listAvailability(ScalewayCredentials credentials, String zone)
      throws ScalewayException {
    Map<String, Availability> pages =
        instanceMapPages(
            credentials,
            instance(zone) + "/products/servers/availability",
            new LinkedHashMap<>(),
            Availability.class);
    Map<String, String> availability = new LinkedHashMap<>();
    pages.forEach((type, entry) -> availability.put(type, entry.availability()));
    return availability;
  }

  private record Availability(String availability) {}

  /**
   * The project's servers carrying every one of {@code tags} (Scaleway matches comma-separated tags
   * all at once), all pages.
   */
  public List<Server> listServers(ScalewayCredentials credentials, String zone, List<String> tags)
      throws ScalewayException {
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("project", List.of(credentials.projectId()));
    if (!tags.isEmpty()) {
      query.put("tags", List.of(String.join(",", tags)));
    }
    return instanceListPages(
        credentials, instance(zone) + "/servers", query, "servers", Server.class);
  }

  /** The server; {@link ScalewayException.NotFound} when it is gone. */
  public Server getServer(ScalewayCredentials credentials, String zone, String serverId)
      throws ScalewayException {
    Answer answer = http.send(credentials, new Call("GET", server(zone, serverId), Map.of(), null));
    return read(answer, "GET", server(zone, serverId), "server", Server.class);
  }

  /** Creates a server ({@code stopped}); not retried on a 5xx or a time-out, see the class doc. */
  public Server createServer(
      ScalewayCredentials credentials, String zone, CreateServerRequest request)
      throws ScalewayException {
    String path = instance(zone) + "/servers";
    Answer answer = http.send(credentials, new Call("POST", path, Map.of(), request));
    return read(answer, "POST", path, "server", Server.class);
  }

  /** Starts an action; {@link ScalewayException.Rejected} when the state does not allow it now. */
  public ServerTask serverAction(
      ScalewayCredentials credentials, String zone, String serverId, ServerAction action)
      throws ScalewayException {
    String path = server(zone, serverId) + "/action";
    Answer answer =
        http.send(
            credentials, new Call("POST", path, Map.of(), Map.of("action", action.wireName())));
    return read(answer, "POST", path, "task", ServerTask.class);
  }

  /** Deletes a {@code stopped} server; {@link ScalewayException.NotFound} once it is gone. */
  public void deleteServer(ScalewayCredentials credentials, String zone, String serverId)
      throws ScalewayException {
    http.send(credentials, new Call("DELETE", server(zone, serverId), Map.of(), null));
  }

  /**
   * The project's block volumes carrying any one of {@code tags} (the Block API matches any), all
   * pages.
   */
  public List<Volume> listVolumes(ScalewayCredentials credentials, String zone, List<String> tags)
      throws ScalewayException {
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("project_id", List.of(credentials.projectId()));
    if (!tags.isEmpty()) {
      query.put("tags", List.copyOf(tags));
    }
    String path = block(zone) + "/volumes";
    List<Volume> volumes = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      Map<String, List<String>> paged = new LinkedHashMap<>(query);
      paged.put("page", List.of(Integer.toString(page)));
      paged.put("page_size", List.of(Integer.toString(PAGE_SIZE)));
      Answer answer = http.send(credentials, new Call("GET", path, paged, null));
      List<Volume> items = list(answer, "GET", path, "volumes", Volume.class);
      volumes.addAll(items);
      JsonNode total = answer.body().get("total_count");
      if (items.isEmpty()
          || total != null && total.canConvertToLong() && volumes.size() >= total.asLong()) {
        return volumes;
      }
    }
    throw pagingNeverEnded("GET", path);
  }

  /** Creates an empty volume ({@code creating}, then {@code available}). */
  public Volume createVolume(
      ScalewayCredentials credentials, String zone, CreateVolumeRequest request)
      throws ScalewayException {
    String path = block(zone) + "/volumes";
    Answer answer = http.send(credentials, new Call("POST", path, Map.of(), request));
    return read(answer, "POST", path, null, Volume.class);
  }

  /** The volume; {@link ScalewayException.NotFound} when it is gone. */
  public Volume getVolume(ScalewayCredentials credentials, String zone, String volumeId)
      throws ScalewayException {
    String path = volume(zone, volumeId);
    return read(
        http.send(credentials, new Call("GET", path, Map.of(), null)),
        "GET",
        path,
        null,
        Volume.class);
  }

  /** Replaces the volume's tags (how Atrium adopts the boot volume Scaleway created). */
  public Volume setVolumeTags(
      ScalewayCredentials credentials, String zone, String volumeId, List<String> tags)
      throws ScalewayException {
    String path = volume(zone, volumeId);
    Answer answer =
        http.send(
            credentials, new Call("PATCH", path, Map.of(), Map.of("tags", List.copyOf(tags))));
    return read(answer, "PATCH", path, null, Volume.class);
  }

  /**
   * Deletes the volume; {@link ScalewayException.NotFound} once it is gone, {@link
   * ScalewayException.Rejected} with {@code isResourceStillInUse()} while it is attached.
   */
  public void deleteVolume(ScalewayCredentials credentials, String zone, String volumeId)
      throws ScalewayException {
    http.send(credentials, new Call("DELETE", volume(zone, volumeId), Map.of(), null));
  }

  private <T> List<T> instanceListPages(
      ScalewayCredentials credentials,
      String path,
      Map<String, List<String>> query,
      String field,
      Class<T> type)
      throws ScalewayException {
    List<T> items = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      Answer answer = http.send(credentials, new Call("GET", path, paged(query, page), null));
      List<T> pageItems = list(answer, "GET", path, field, type);
      items.addAll(pageItems);
      if (lastPage(answer.totalCount(), pageItems.size(), items.size())) {
        return items;
      }
    }
    throw pagingNeverEnded("GET", path);
  }

  private <T> Map<String, T> instanceMapPages(
      ScalewayCredentials credentials, String path, Map<String, List<String>> query, Class<T> type)
      throws ScalewayException {
    Map<String, T> merged = new LinkedHashMap<>();
    JavaType mapType =
        mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, type);
    for (int page = 1; page <= MAX_PAGES; page++) {
      Answer answer = http.send(credentials, new Call("GET", path, paged(query, page), null));
      Map<String, T> pageItems = convert(answer.body().get("servers"), mapType, "GET", path);
      merged.putAll(pageItems);
      if (lastPage(answer.totalCount(), pageItems.size(), merged.size())) {
        return merged;
      }
    }
    throw pagingNeverEnded("GET", path);
  }

  /** {@code scaleway.md}: until X-Total-Count items are seen, or a page comes back empty. */
  private static boolean lastPage(OptionalLong total, int onThisPage, int seen) {
    return onThisPage == 0 || total.isPresent() && seen >= total.getAsLong();
  }

  private static Map<String, List<String>> paged(Map<String, List<String>> query, int page) {
    Map<String, List<String>> paged = new LinkedHashMap<>(query);
    paged.put("page", List.of(Integer.toString(page)));
    paged.put("per_page", List.of(Integer.toString(PAGE_SIZE)));
    return paged;
  }

  private <T> T read(Answer answer, String method, String path, String field, Class<T> type)
      throws ScalewayException {
    JsonNode node = field == null ? answer.body() : answer.body().get(field);
    if (node == null || !node.isObject()) {
      throw malformed(method, path, "no " + (field == null ? "object" : "'" + field + "'"));
    }
    return convert(node, mapper.getTypeFactory().constructType(type), method, path);
  }

  private <T> List<T> list(Answer answer, String method, String path, String field, Class<T> type)
      throws ScalewayException {
    JsonNode node = answer.body().get(field);
    if (node == null || !node.isArray()) {
      throw malformed(method, path, "no '" + field + "' list");
    }
    return convert(
        node, mapper.getTypeFactory().constructCollectionType(List.class, type), method, path);
  }

  private <T> T convert(JsonNode node, JavaType type, String method, String path)
      throws ScalewayException {
    if (node == null || node.isNull()) {
      throw malformed(method, path, "a field is missing");
    }
    try {
      return mapper.convertValue(node, type);
    } catch (IllegalArgumentException e) {
      throw malformed(method, path, e.getMessage());
    }
  }

  private static ScalewayException.ProviderUnavailable malformed(
      String method, String path, String why) {
    return new ScalewayException.ProviderUnavailable(
        method, path, 200, null, null, "an answer not shaped as scaleway.md says: " + why);
  }

  private static ScalewayException.ProviderUnavailable pagingNeverEnded(
      String method, String path) {
    return new ScalewayException.ProviderUnavailable(
        method, path, 200, null, null, "paging did not end within " + MAX_PAGES + " pages");
  }

  private static String instance(String zone) {
    return "/instance/v1/zones/" + pathSegment(zone);
  }

  private static String block(String zone) {
    return "/block/v1/zones/" + pathSegment(zone);
  }

  private static String server(String zone, String id) {
    return instance(zone) + "/servers/" + pathSegment(id);
  }

  private static String volume(String zone, String id) {
    return block(zone) + "/volumes/" + pathSegment(id);
  }

  /** Zones and ids are [a-z0-9-]; anything else would change the path, so it is refused here. */
  private static String pathSegment(String value) {
    if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
      throw new IllegalArgumentException("not a Scaleway zone or id: " + value);
    }
    return value;
  }
}
