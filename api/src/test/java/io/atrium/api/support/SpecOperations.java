package io.atrium.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations of openapi.yaml as tests need them: method, path, parameters and the properties of
 * the JSON body, with {@code $ref}s resolved. Tests that walk every operation read them from here,
 * so that a route added to the spec is covered without anyone adding it to a list.
 */
public final class SpecOperations {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  /** A property or parameter: its name, where it is, and its resolved schema. */
  public record Field(String name, String in, JsonNode schema) {
    /** A place in this field that takes a string: the field itself, or an item of it. */
    public record StringSlot(boolean item, int maxLength, boolean constrained) {}

    /**
     * The strings this field takes: itself, its array's items, or the alternatives of a {@code
     * oneOf}. {@code constrained} when an enum, const, format or pattern limits the value besides
     * its length.
     */
    public List<StringSlot> strings() {
      List<StringSlot> slots = new ArrayList<>();
      collect(schema, false, slots);
      return slots;
    }

    private static void collect(JsonNode schema, boolean item, List<StringSlot> slots) {
      for (String combinator : new String[] {"oneOf", "anyOf", "allOf"}) {
        for (JsonNode part : schema.path(combinator)) {
          collect(part, item, slots);
        }
      }
      String type =
          schema.path("type").isArray()
              ? schema.path("type").toString()
              : schema.path("type").asText();
      if (type.contains("string")) {
        JsonNode max = schema.path("maxLength");
        boolean constrained =
            schema.has("enum")
                || schema.has("const")
                || schema.has("format")
                || schema.has("pattern");
        slots.add(new StringSlot(item, max.isInt() ? max.asInt() : -1, constrained));
      } else if (type.equals("array")) {
        collect(schema.path("items"), true, slots);
      }
    }
  }

  public record Operation(
      String method,
      String path,
      List<Field> parameters,
      List<Field> bodyProperties,
      boolean hasBody,
      boolean isPublic,
      boolean acceptsApiKey) {
    public String id() {
      return method + " " + path;
    }

    public List<Field> parameters(String in) {
      return parameters.stream().filter(p -> p.in().equals(in)).toList();
    }
  }

  private final JsonNode spec;

  private SpecOperations(JsonNode spec) {
    this.spec = spec;
  }

  /** {@code node} with every {@code $ref} replaced by what it names. */
  private JsonNode inline(JsonNode node, int depth) {
    if (depth > 64) {
      throw new IllegalStateException("$ref cycle in openapi.yaml");
    }
    JsonNode resolved = resolve(node);
    if (resolved.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode copy =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      resolved
          .fields()
          .forEachRemaining(e -> copy.set(e.getKey(), inline(e.getValue(), depth + 1)));
      return copy;
    }
    if (resolved.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      resolved.forEach(item -> copy.add(inline(item, depth + 1)));
      return copy;
    }
    return resolved;
  }

  public static List<Operation> all() {
    try {
      JsonNode spec =
          new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "openapi.yaml").toFile());
      return new SpecOperations(spec).operations();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      List<Field> shared = parameters(path.getValue().path("parameters"));
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
          methods.hasNext(); ) {
        Map.Entry<String, JsonNode> method = methods.next();
        if (!METHODS.contains(method.getKey())) {
          continue;
        }
        JsonNode operation = method.getValue();
        List<Field> parameters = new ArrayList<>(shared);
        parameters.addAll(parameters(operation.path("parameters")));
        JsonNode body = resolve(operation.path("requestBody"));
        JsonNode schema = resolve(body.path("content").path("application/json").path("schema"));
        Map<String, Field> properties = new LinkedHashMap<>();
        collectProperties(schema, properties);
        operations.add(
            new Operation(
                method.getKey().toUpperCase(),
                path.getKey(),
                parameters,
                List.copyOf(properties.values()),
                !body.isMissingNode(),
                operation.has("security") && operation.get("security").isEmpty(),
                acceptsApiKey(operation)));
      }
    }
    return operations;
  }

  /** Whether the operation's security lists the {@code apiKey} scheme (the global one does not). */
  private static boolean acceptsApiKey(JsonNode operation) {
    for (JsonNode requirement : operation.path("security")) {
      if (requirement.has("apiKey")) {
        return true;
      }
    }
    return false;
  }

  private List<Field> parameters(JsonNode list) {
    List<Field> fields = new ArrayList<>();
    for (JsonNode raw : list) {
      JsonNode parameter = resolve(raw);
      fields.add(
          new Field(
              parameter.get("name").asText(),
              parameter.get("in").asText(),
              inline(parameter.path("schema"), 0)));
    }
    return fields;
  }

  private void collectProperties(JsonNode schema, Map<String, Field> into) {
    schema = resolve(schema);
    for (String combinator : new String[] {"allOf", "oneOf", "anyOf"}) {
      for (JsonNode part : schema.path(combinator)) {
        collectProperties(part, into);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      JsonNode resolved = inline(property.getValue(), 0);
      into.putIfAbsent(property.getKey(), new Field(property.getKey(), "body", resolved));
    }
  }

  /** Follows {@code $ref}s to components; {@code oneOf} of a string and something else stays. */
  private JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      JsonNode target = spec;
      for (String part : node.get("$ref").asText().substring(2).split("/")) {
        target = target.path(part.replace("~1", "/").replace("~0", "~"));
      }
      node = target;
    }
    return node;
  }
}
