package io.atrium.common.provider.scaleway.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atrium.common.provider.scaleway.stub.StubState.ServerEntity;
import io.atrium.common.provider.scaleway.stub.StubState.VolumeEntity;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Routes one request of the stub: faults, authentication, then the call itself. */
final class StubRouter {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int DEFAULT_PAGE_SIZE = 50;
  private static final int MAX_PAGE_SIZE = 100;

  private static final Pattern PRODUCTS =
      Pattern.compile("/instance/v1/zones/([^/]+)/products/servers");
  private static final Pattern AVAILABILITY =
      Pattern.compile("/instance/v1/zones/([^/]+)/products/servers/availability");
  private static final Pattern SERVERS = Pattern.compile("/instance/v1/zones/([^/]+)/servers");
  private static final Pattern SERVER =
      Pattern.compile("/instance/v1/zones/([^/]+)/servers/([^/]+)");
  private static final Pattern ACTION =
      Pattern.compile("/instance/v1/zones/([^/]+)/servers/([^/]+)/action");
  private static final Pattern VOLUMES = Pattern.compile("/block/v1/zones/([^/]+)/volumes");
  private static final Pattern VOLUME = Pattern.compile("/block/v1/zones/([^/]+)/volumes/([^/]+)");

  record Request(
      String method,
      String path,
      Map<String, List<String>> query,
      String token,
      byte[] body,
      StubRoute route,
      String zone,
      String id) {

    static Request of(String method, URI uri, String token, byte[] body) {
      String path = uri.getRawPath();
      Map<String, List<String>> query = parseQuery(uri.getRawQuery());
      for (Object[] candidate :
          new Object[][] {
            {AVAILABILITY, "GET", StubRoute.LIST_AVAILABILITY},
            {PRODUCTS, "GET", StubRoute.LIST_SERVER_TYPES},
            {ACTION, "POST", StubRoute.SERVER_ACTION},
            {SERVERS, "GET", StubRoute.LIST_SERVERS},
            {SERVERS, "POST", StubRoute.CREATE_SERVER},
            {SERVER, "GET", StubRoute.GET_SERVER},
            {SERVER, "DELETE", StubRoute.DELETE_SERVER},
            {VOLUMES, "GET", StubRoute.LIST_VOLUMES},
            {VOLUMES, "POST", StubRoute.CREATE_VOLUME},
            {VOLUME, "GET", StubRoute.GET_VOLUME},
            {VOLUME, "PATCH", StubRoute.UPDATE_VOLUME},
            {VOLUME, "DELETE", StubRoute.DELETE_VOLUME}
          }) {
        Matcher matcher = ((Pattern) candidate[0]).matcher(path);
        if (matcher.matches() && candidate[1].equals(method)) {
          String id = matcher.groupCount() > 1 ? matcher.group(2) : null;
          return new Request(
              method, path, query, token, body, (StubRoute) candidate[2], matcher.group(1), id);
        }
      }
      return new Request(method, path, query, token, body, StubRoute.UNKNOWN, null, null);
    }

    String param(String name) {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  record Response(
      int status, Map<String, String> headers, byte[] body, Duration delayBeforeAnswer) {
    static Response json(int status, JsonNode body) {
      return new Response(
          status, new LinkedHashMap<>(), ScalewayStub.utf8(body.toString()), Duration.ZERO);
    }

    static Response empty(int status) {
      return new Response(status, new LinkedHashMap<>(), new byte[0], Duration.ZERO);
    }

    Response withHeader(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(name, value);
      return new Response(status, copy, body, delayBeforeAnswer);
    }

    Response delayed(Duration delay) {
      return new Response(status, headers, body, delay);
    }
  }

  private final ScalewayStub stub;

  StubRouter(ScalewayStub stub) {
    this.stub = stub;
  }

  Response route(Request request) {
    Optional<StubFault> fault = stub.takeFault(request.route(), request.token(), request.zone());
    if (fault.isPresent()) {
      StubFault f = fault.get();
      if (f instanceof StubFault.Status s) {
        return failure(s.status());
      }
      if (f instanceof StubFault.RateLimited r) {
        Response limited =
            Response.json(
                429,
                JSON.objectNode()
                    .put("type", "too_many_requests")
                    .put("message", "rate limit exceeded"));
        return r.retryAfter()
            .map(after -> limited.withHeader("Retry-After", Long.toString(after.toSeconds())))
            .orElse(limited);
      }
      if (f instanceof StubFault.Delay d) {
        if (!stub.pause(d.delay())) {
          return failure(503);
        }
        return handle(request);
      }
      if (f instanceof StubFault.ProcessedThenStatus p) {
        handle(request);
        return failure(p.status());
      }
      if (f instanceof StubFault.ProcessedThenDelay p) {
        return handle(request).delayed(p.delay());
      }
    }
    return handle(request);
  }

  private static Response failure(int status) {
    if (status >= 500) {
      return new Response(
              status,
              new LinkedHashMap<>(),
              ScalewayStub.utf8(
                  "<html><head><title>"
                      + status
                      + "</title></head><body>gateway error</body></html>"),
              Duration.ZERO)
          .withHeader("Content-Type", "text/html");
    }
    StubError error = StubError.forStatus(status);
    return Response.json(error.status, error.body);
  }

  private Response handle(Request request) {
    try {
      if (request.route() == StubRoute.UNKNOWN) {
        throw StubError.notFound("route", null);
      }
      String project =
          stub.projectOf(request.token()).orElseThrow(() -> StubError.unauthenticated("not_found"));
      if (!stub.knownZone(request.zone())) {
        throw StubError.invalidArgument("zone", "unknown zone " + request.zone());
      }
      synchronized (stub.state()) {
        return switch (request.route()) {
          case LIST_SERVER_TYPES -> listServerTypes(request);
          case LIST_AVAILABILITY -> listAvailability(request);
          case LIST_SERVERS -> listServers(request, project);
          case CREATE_SERVER -> createServer(request, project);
          case GET_SERVER ->
              Response.json(200, wrap("server", stub.serverJson(server(request, project))));
          case SERVER_ACTION -> action(request, project);
          case DELETE_SERVER -> {
            stub.state().deleteServer(server(request, project));
            yield Response.empty(204);
          }
          case LIST_VOLUMES -> listVolumes(request, project);
          case CREATE_VOLUME -> createVolume(request, project);
          case GET_VOLUME -> Response.json(200, StubJson.volume(volume(request, project)));
          case UPDATE_VOLUME -> updateVolume(request, project);
          case DELETE_VOLUME -> {
            stub.state().deleteVolume(volume(request, project));
            yield Response.empty(204);
          }
          case UNKNOWN, ANY -> throw StubError.notFound("route", null);
        };
      }
    } catch (StubError error) {
      return Response.json(error.status, error.body);
    }
  }

  // ---- products

  private Response listServerTypes(Request request) {
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    stub.catalog()
        .types(request.zone())
        .forEach(type -> entries.put(type.code(), StubJson.serverType(type)));
    return mapPage(request, entries);
  }

  private Response listAvailability(Request request) {
    Map<String, String> availability = stub.catalog().availability(request.zone());
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    stub.catalog()
        .availabilityOrder(request.zone())
        .forEach(
            code ->
                entries.put(code, JSON.objectNode().put("availability", availability.get(code))));
    return mapPage(request, entries);
  }

  private Response mapPage(Request request, Map<String, JsonNode> entries) {
    int[] window = instanceWindow(request);
    ObjectNode body = JSON.objectNode();
    ObjectNode servers = body.putObject("servers");
    List<String> keys = new ArrayList<>(entries.keySet());
    slice(keys, window).forEach(key -> servers.set(key, entries.get(key)));
    return instancePaged(body, keys.size(), window, request);
  }

  // ---- servers

  private Response listServers(Request request, String project) {
    requireOwnProject(request.param("project"), project, "list");
    List<String> tags = ScalewayStub.split(request.param("tags"));
    List<ServerEntity> matching =
        stub.state().servers(project, request.zone(), s -> s.tags.containsAll(tags));
    int[] window = instanceWindow(request);
    ObjectNode body = JSON.objectNode();
    ArrayNode servers = body.putArray("servers");
    slice(matching, window).forEach(s -> servers.add(stub.serverJson(s)));
    return instancePaged(body, matching.size(), window, request);
  }

  private Response createServer(Request request, String project) {
    JsonNode body = body(request);
    String requestedProject = text(body, "project");
    if (requestedProject == null) {
      throw StubError.invalidArgument("project", "required");
    }
    requireOwnProject(requestedProject, project, "create");
    String name = required(body, "name");
    String commercialType = required(body, "commercial_type");
    String image = required(body, "image");
    if (stub.catalog().type(request.zone(), commercialType).isEmpty()) {
      throw StubError.invalidArgument(
          "commercial_type", "unknown commercial type in " + request.zone());
    }
    long bootBytes = 20_000_000_000L;
    List<String> attach = new ArrayList<>();
    JsonNode volumes = body.get("volumes");
    if (volumes != null && volumes.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = volumes.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> slot = it.next();
        if (!"sbs_volume".equals(text(slot.getValue(), "volume_type"))) {
          throw StubError.invalidArgument(
              "volumes." + slot.getKey() + ".volume_type", "sbs_volume");
        }
        if (slot.getKey().equals("0") && text(slot.getValue(), "id") == null) {
          JsonNode size = slot.getValue().get("size");
          if (size == null || !size.canConvertToLong() || size.asLong() <= 0) {
            throw StubError.invalidArgument("volumes.0.size", "a size in bytes");
          }
          bootBytes = size.asLong();
        } else {
          String id = text(slot.getValue(), "id");
          if (id == null) {
            throw StubError.invalidArgument("volumes." + slot.getKey() + ".id", "required");
          }
          attach.add(id);
        }
      }
    }
    ServerEntity server =
        stub.state()
            .createServer(
                project,
                request.zone(),
                name,
                commercialType,
                image,
                strings(body.get("tags")),
                bootBytes,
                attach);
    return Response.json(201, wrap("server", stub.serverJson(server)));
  }

  private Response action(Request request, String project) {
    ServerEntity server = server(request, project);
    String action = required(body(request), "action");
    if (!List.of("poweron", "poweroff", "terminate", "reboot", "stop_in_place", "backup")
        .contains(action)) {
      throw StubError.invalidArgument("action", "poweron, poweroff or terminate");
    }
    stub.state().action(server, action);
    return Response.json(202, StubJson.task(server, action, stub.state().now()));
  }

  private ServerEntity server(Request request, String project) {
    return stub.state()
        .server(project, request.zone(), request.id())
        .orElseThrow(() -> StubError.notFound("instance_server", request.id()));
  }

  // ---- volumes

  private Response listVolumes(Request request, String project) {
    requireOwnProject(request.param("project_id"), project, "list");
    List<String> anyTags = request.query().getOrDefault("tags", List.of());
    List<VolumeEntity> matching =
        stub.state()
            .volumes(
                project,
                request.zone(),
                v -> anyTags.isEmpty() || v.tags.stream().anyMatch(anyTags::contains));
    int page = positive(request, "page", 1, Integer.MAX_VALUE);
    int size = positive(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    int[] window = {page, size};
    ObjectNode body = JSON.objectNode();
    ArrayNode volumes = body.putArray("volumes");
    slice(matching, window).forEach(v -> volumes.add(StubJson.volume(v)));
    body.put("total_count", matching.size());
    return Response.json(200, body);
  }

  private Response createVolume(Request request, String project) {
    JsonNode body = body(request);
    String requestedProject = text(body, "project_id");
    if (requestedProject == null) {
      throw StubError.invalidArgument("project_id", "required");
    }
    requireOwnProject(requestedProject, project, "create");
    JsonNode size = body.path("from_empty").get("size");
    if (size == null || !size.canConvertToLong() || size.asLong() <= 0) {
      throw StubError.invalidArgument("from_empty.size", "a size in bytes");
    }
    VolumeEntity volume =
        stub.state()
            .createVolume(
                project,
                request.zone(),
                required(body, "name"),
                size.asLong(),
                strings(body.get("tags")));
    return Response.json(200, StubJson.volume(volume));
  }

  private Response updateVolume(Request request, String project) {
    VolumeEntity volume = volume(request, project);
    JsonNode body = body(request);
    Optional<List<String>> tags =
        body.has("tags") ? Optional.of(strings(body.get("tags"))) : Optional.empty();
    stub.state().updateVolume(volume, Optional.ofNullable(text(body, "name")), tags);
    return Response.json(200, StubJson.volume(volume));
  }

  private VolumeEntity volume(Request request, String project) {
    return stub.state()
        .volume(project, request.zone(), request.id())
        .orElseThrow(() -> StubError.notFound("volume", request.id()));
  }

  // ---- helpers

  private static void requireOwnProject(String requested, String own, String action) {
    if (requested != null && !requested.equals(own)) {
      throw StubError.forbidden(action, "project");
    }
  }

  /** {page, perPage} of the Instance API: page from 1, per_page at most 100, default 50. */
  private static int[] instanceWindow(Request request) {
    return new int[] {
      positive(request, "page", 1, Integer.MAX_VALUE),
      positive(request, "per_page", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    };
  }

  private static int positive(Request request, String name, int fallback, int max) {
    String raw = request.param(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value < 1 || value > max) {
        throw StubError.invalidArgument(name, "between 1 and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw StubError.invalidArgument(name, "a whole number");
    }
  }

  private static <T> List<T> slice(List<T> items, int[] window) {
    long from = (long) (window[0] - 1) * window[1];
    if (from >= items.size()) {
      return List.of();
    }
    return items.subList((int) from, (int) Math.min(items.size(), from + window[1]));
  }

  private static Response instancePaged(ObjectNode body, int total, int[] window, Request request) {
    int lastPage = Math.max(1, (total + window[1] - 1) / window[1]);
    String link =
        "<" + request.path() + "?page=" + lastPage + "&per_page=" + window[1] + ">; rel=\"last\"";
    if (window[0] < lastPage) {
      link =
          "<"
              + request.path()
              + "?page="
              + (window[0] + 1)
              + "&per_page="
              + window[1]
              + ">; rel=\"next\","
              + link;
    }
    return Response.json(200, body)
        .withHeader("X-Total-Count", Integer.toString(total))
        .withHeader("Link", link);
  }

  private JsonNode body(Request request) {
    try {
      JsonNode node = stub.mapper().readTree(request.body());
      if (node == null || !node.isObject()) {
        throw StubError.invalidArgument("body", "a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw StubError.invalidArgument("body", "a JSON object");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static String required(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null || value.isBlank()) {
      throw StubError.invalidArgument(field, "required");
    }
    return value;
  }

  private static List<String> strings(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw StubError.invalidArgument("tags", "a list of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw StubError.invalidArgument("tags", "a list of strings");
      }
      values.add(item.asText());
    }
    return values;
  }

  private static ObjectNode wrap(String field, ObjectNode value) {
    ObjectNode wrapper = JSON.objectNode();
    wrapper.set(field, value);
    return wrapper;
  }

  static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }
}
