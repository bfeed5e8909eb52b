package io.atrium.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.ApiKeys;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.RawHttp;
import io.atrium.api.support.SpecOperations;
import io.atrium.api.support.SpecOperations.Field;
import io.atrium.api.support.SpecOperations.Operation;
import io.atrium.api.support.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A fuzzer driven by openapi.yaml: every operation of the spec (a new route is fuzzed without
 * anyone adding it here), with hostile path and query parameters and bodies — NUL, lone surrogates,
 * bidi and other control characters, very long strings, deep nesting, wrong JSON types, duplicate
 * keys, broken UTF-8 and broken JSON — sent with no credentials, with a session (of an
 * organization's owner, and of the platform admin) and with an API key. Whatever is sent, the
 * answer is never a 5xx, and every error is a problem document. (Failsafe runs it.)
 */
class AuthBodiesPropertiesIT {
  private static final List<Operation> OPERATIONS = SpecOperations.all();
  private static final TestApp app = TestApp.shared();

  /** Strings no route may choke on, as JSON string literals (escapes keep the bytes ASCII). */
  private static final List<String> HOSTILE_STRINGS =
      List.of(
          "\"a\\u0000@example.test\"",
          "\"\\u0000\"",
          "\"x\\ud800\"",
          "\"\\udfff\"",
          "\"\\ud800\\ud800\"",
          "\"\\u202e@example.test\"",
          "\"\\u202ecod.exe\"",
          "\"\\u2066x\\u2069\"",
          "\"\\u200f\"",
          "\"tab\\tnew\\nline\\r\"",
          "\"\\u0007\\u001b[31m\\u007f\\u0085\\u009b\"",
          "\"\\u2028\\u2029\"",
          "\"\\ufeff\\ufffe\\uffff\"",
          "\"\"",
          "\"   \"",
          "\"%00\"",
          "\"' OR 1=1 --\"",
          "\"../../etc/passwd\"",
          "\"<script>alert(1)</script>\"",
          "\"Anna@Bücher.example\"",
          "\"\\ud83d\\ude00\"",
          "\"00000000-0000-0000-0000-000000000000\"",
          "\"all\"",
          "\"owner\"");

  /** Path segments and query values, percent-encoded as they travel. */
  private static final List<String> HOSTILE_SEGMENTS =
      List.of(
          "%00",
          "a%00b",
          "%ED%A0%80",
          "%E2%80%AE",
          "%C2%85",
          "%0A%0D",
          "%zz",
          "%",
          "..",
          "%2e%2e%2f",
          "%2F",
          "abc",
          "00000000-0000-0000-0000-000000000000",
          "A".repeat(43),
          "x".repeat(3000),
          "%F0%9F%98%80",
          "-1",
          "99999999999999999999",
          "1e9",
          "true");

  private static SignedIn owner;
  private static SignedIn admin;
  private static String apiKey;
  private static int examples;

  @BeforeAll
  static void signIn() {
    app.reset();
    refreshCredentials();
  }

  private static void refreshCredentials() {
    owner = Accounts.register(app);
    Organizations.create(owner, "Fuzzed Org");
    apiKey = ApiKeys.create(owner, "owner").secret();
    admin = Accounts.admin(app);
  }

  /** Every operation, every string field, every hostile string: the cases that must never 500. */
  @Test
  void everyHostileStringInEveryFieldOfEveryOperation() {
    for (Operation operation : OPERATIONS) {
      List<String> credentials =
          operation.acceptsApiKey()
              ? List.of("session", "admin", "none", "api_key")
              : List.of("session", "admin", "none");
      for (String credential : credentials) {
        if (!operation.hasBody()) {
          for (Field query : operation.parameters("query")) {
            for (String value : HOSTILE_SEGMENTS) {
              check(
                  operation,
                  credential,
                  operation.method(),
                  path(operation, "abc") + "?" + query.name() + "=" + value,
                  null,
                  "application/json");
            }
          }
          continue;
        }
        for (Field field : operation.bodyProperties()) {
          for (String value : HOSTILE_STRINGS) {
            String body = "{\"" + field.name() + "\":" + value + "}";
            check(
                operation,
                credential,
                operation.method(),
                path(operation, "abc"),
                body,
                "application/json");
          }
        }
      }
    }
  }

  /** Random requests to random operations: shapes, types, nesting, encodings, credentials. */
  @Test
  void noRequestEverCausesA5xx() {
    Gen<Operation> operations = Generate.pick(OPERATIONS);
    Gen<String> credentials =
        Generate.pick(
            List.of("none", "session", "admin", "api_key", "malformed_api_key", "garbage_bearer"));
    qt().withExamples(Integer.getInteger("fuzz.examples", 1000))
        .withShrinkCycles(10)
        .forAll(operations, credentials, requests())
        .checkAssert(
            (operation, credential, request) ->
                check(
                    operation,
                    credential,
                    operation.method(),
                    path(operation, request.segment) + request.query(operation),
                    operation.hasBody() || request.forceBody ? request.body(operation) : null,
                    request.contentType));
  }

  private static void check(
      Operation operation,
      String credential,
      String method,
      String path,
      Object body,
      String contentType) {
    if (++examples % 150 == 0) {
      refreshCredentials(); // a fuzzed logout or deletion must not blunt what follows
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Forwarded-For", "10.9." + (examples / 250 % 250) + "." + (examples % 250 + 1));
    String token =
        switch (credential) {
          case "session" -> owner.accessToken();
          case "admin" -> admin.accessToken();
          case "api_key" -> apiKey;
          case "malformed_api_key" -> "atr_" + UUID.randomUUID().toString().replace("-", "");
          case "garbage_bearer" -> "eyJ\u00ff.%00.x";
          default -> null;
        };
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (contentType != null && body != null) {
      headers.put("Content-Type", contentType);
    }
    byte[] bytes =
        body == null
            ? null
            : body instanceof byte[] raw ? raw : ((String) body).getBytes(StandardCharsets.UTF_8);
    RawHttp.Response response = RawHttp.send(app.port(), method, path, headers, bytes);
    String shown = bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(response.status())
        .as(
            "%s %s %s [%s] with %s → %s",
            method, path, contentType, abbreviate(shown), credential, response)
        .isLessThan(500);
    if (response.status() >= 400) {
      response.problemCode();
    }
    if (credential.endsWith("api_key") && response.status() == 401) {
      assertThat(response.problemCode()).isEqualTo("unauthorized");
    }
    if (credential.endsWith("api_key") && !operation.acceptsApiKey() && !operation.isPublic()) {
      assertThat(response.status())
          .as("%s %s let an API key through: %s", method, path, response)
          .isGreaterThanOrEqualTo(400);
    }
    if (credential.equals("api_key") && response.status() == 401) {
      refreshCredentials(); // a fuzzed deletion of the organization ends its keys
    }
    if ((credential.equals("session") || credential.equals("admin"))
        && response.status() == 401
        && !path.contains("/auth/")) {
      refreshCredentials();
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + ")" : text;
  }

  /** The operation's path with every {@code {parameter}} replaced by {@code segment}. */
  private static String path(Operation operation, String segment) {
    String path = operation.path();
    for (Field parameter : operation.parameters("path")) {
      path = path.replace("{" + parameter.name() + "}", segment);
    }
    return path;
  }

  // ---- generators ----

  /** One random request's parts; the body and query are drawn from the spec's fields. */
  record Request(
      String segment,
      List<String> queryValues,
      int bodyShape,
      List<String> values,
      long seed,
      boolean forceBody,
      String contentType) {

    String query(Operation operation) {
      List<Field> parameters = operation.parameters("query");
      if (parameters.isEmpty() && queryValues.isEmpty()) {
        return "";
      }
      StringBuilder query = new StringBuilder("?");
      for (int i = 0; i < queryValues.size(); i++) {
        String name = parameters.isEmpty() ? "x" + i : parameters.get(i % parameters.size()).name();
        query.append(i == 0 ? "" : "&").append(name).append('=').append(queryValues.get(i));
      }
      if (seed % 5 == 0 && !parameters.isEmpty()) {
        query.append("&").append(parameters.get(0).name()).append("=dup"); // a repeated parameter
      }
      return query.toString();
    }

    Object body(Operation operation) {
      List<String> names = new ArrayList<>();
      operation.bodyProperties().forEach(f -> names.add(f.name()));
      names.add("unknown_field");
      names.add("");
      ThreadLocalRandom random = ThreadLocalRandom.current();
      return switch (bodyShape) {
        case 0 -> object(names, values, false);
        case 1 -> object(names, values, true); // duplicate keys
        case 2 -> "[" + object(names, values, false) + "]";
        case 3 -> nested((int) (seed % 3 == 0 ? 5000 : 64 + seed % 400));
        case 4 -> "{\"" + names.get(0) + "\":" + nested((int) (10 + seed % 300)) + "}";
        case 5 ->
            new byte[] {
              '{',
              '"',
              'e',
              'm',
              'a',
              'i',
              'l',
              '"',
              ':',
              '"',
              (byte) 0xc3,
              (byte) 0x28,
              (byte) 0xed,
              (byte) 0xa0,
              (byte) 0x80,
              '"',
              '}'
            };
        case 6 -> values.get(0); // a bare scalar
        case 7 -> object(names, values, false) + "}";
        case 8 -> "{\"" + names.get(0) + "\":\"" + "x".repeat(random.nextInt(200, 300_000)) + "\"}";
        case 9 -> "";
        case 10 -> "{\"" + names.get(0) + "\":1e999999,\"" + names.get(names.size() - 1) + "\":-0}";
        case 11 -> "\u0000{}";
        default -> "{\"a\\u0000b\":" + values.get(0) + "}";
      };
    }

    private static String object(List<String> names, List<String> values, boolean duplicates) {
      StringBuilder body = new StringBuilder("{");
      for (int i = 0; i < names.size(); i++) {
        body.append(i == 0 ? "" : ",")
            .append('"')
            .append(names.get(i))
            .append("\":")
            .append(values.get(i % values.size()));
      }
      if (duplicates) {
        body.append(",\"").append(names.get(0)).append("\":").append(values.get(values.size() - 1));
      }
      return body.append('}').toString();
    }

    private static String nested(int depth) {
      return "[".repeat(depth / 2)
          + "{\"a\":".repeat(depth - depth / 2)
          + "1"
          + "}".repeat(depth - depth / 2)
          + "]".repeat(depth / 2);
    }
  }

  private static Gen<Request> requests() {
    Gen<String> segment = Generate.pick(HOSTILE_SEGMENTS);
    Gen<List<String>> queryValues =
        Generate.range(0, 3)
            .zip(
                Generate.longRange(0, Long.MAX_VALUE),
                (n, seed) -> {
                  List<String> values = new ArrayList<>();
                  for (int i = 0; i < n; i++) {
                    values.add(
                        HOSTILE_SEGMENTS.get((int) ((seed >>> (i * 8)) % HOSTILE_SEGMENTS.size())));
                  }
                  return values;
                });
    Gen<List<String>> values =
        Generate.longRange(0, Long.MAX_VALUE).map(AuthBodiesPropertiesIT::jsonValues);
    Gen<String> contentType =
        Generate.pick(
            java.util.Arrays.asList(
                "application/json",
                "application/json",
                "application/json; charset=utf-8",
                "application/problem+json",
                "text/plain",
                "application/x-www-form-urlencoded",
                null));
    return segment
        .zip(
            queryValues,
            Generate.range(0, 12),
            values,
            (s, q, shape, v) -> new Object[] {s, q, shape, v})
        .zip(
            Generate.longRange(0, Long.MAX_VALUE),
            Generate.booleans(),
            contentType,
            (parts, seed, force, type) -> {
              @SuppressWarnings("unchecked")
              List<String> queries = (List<String>) parts[1];
              @SuppressWarnings("unchecked")
              List<String> jsonValues = (List<String>) parts[3];
              return new Request(
                  (String) parts[0],
                  queries,
                  (Integer) parts[2],
                  jsonValues,
                  seed,
                  force && seed % 4 == 0,
                  type);
            });
  }

  /** Values of every JSON type, hostile strings first among them, drawn from {@code seed}. */
  private static List<String> jsonValues(long seed) {
    List<String> pool = new ArrayList<>(HOSTILE_STRINGS);
    pool.addAll(
        List.of(
            "null",
            "true",
            "0",
            "-1",
            "1.5e308",
            "12345678901234567890123",
            "[]",
            "{}",
            "[\"a\\u0000\",1,null]",
            "{\"nested\":{\"deeper\":[\"\\ud800\"]}}",
            "\"" + "x".repeat(129) + "\"",
            "\"" + "\\u202e".repeat(300) + "\""));
    List<String> drawn = new ArrayList<>();
    long state = seed;
    for (int i = 0; i < 6; i++) {
      state = state * 6364136223846793005L + 1442695040888963407L;
      drawn.add(pool.get((int) Math.floorMod(state >>> 17, (long) pool.size())));
    }
    return drawn;
  }
}
