package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code ProblemCode} enum of openapi.yaml (the {@code code} of a {@code Problem}) is exactly
 * the set of codes the server can answer, read from the sources: the codes passed to the domain
 * exceptions of {@code common.error} (and their defaults), the codes given to {@code
 * Problem.of}/{@code Problem.invalid}, and {@code Problem.defaultCode}'s codes for bare statuses. A
 * new code without its line in the spec, or a code the spec keeps after the server dropped it,
 * fails the build.
 */
class ProblemCodesTest {
  private static final Path ROOT = Path.of("..");
  private static final List<Path> HTTP_SOURCES =
      List.of(ROOT.resolve("common/src/main/java"), ROOT.resolve("api/src/main/java"));
  private static final Set<String> PROBLEM_FIELDS =
      Set.of("type", "title", "status", "detail", "code", "errors");
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern EXTENDS = Pattern.compile("class\\s+(\\w+)\\s+extends\\s+(\\w+)");
  private static final Pattern DECLARATION =
      Pattern.compile("\\bclass\\s+(\\w+)(?:<[^>]*>)?(?:\\s+extends\\s+(\\w+))?");
  private static final Pattern PASSED_ON_CODE =
      Pattern.compile("\\w+\\.code\\(\\)|(Problem\\.)?defaultCode\\([^()]*\\)");

  @Test
  void theProblemSchemaListsExactlyTheCodesTheServerCanAnswer() {
    assertThat(specCodes())
        .as("components.schemas.ProblemCode.enum in openapi.yaml")
        .isEqualTo(serverCodes());
  }

  @Test
  void problemResponsesOfTheSpecNameOnlyCodesOfTheEnum() throws IOException {
    JsonNode spec = spec();
    Set<String> known = specCodes();
    List<String> unknown = new ArrayList<>();
    for (JsonNode response : problemResponses(spec)) {
      Matcher quoted = Pattern.compile("`([^`]+)`").matcher(response.path("description").asText());
      while (quoted.find()) {
        String word = quoted.group(1);
        if (CODE.matcher(word).matches()
            && !PROBLEM_FIELDS.contains(word)
            && !known.contains(word)) {
          unknown.add(word + " in \"" + response.path("description").asText() + "\"");
        }
      }
    }
    assertThat(unknown).as("codes named in problem responses but not in the enum").isEmpty();
  }

  private static List<JsonNode> problemResponses(JsonNode spec) {
    List<JsonNode> responses = new ArrayList<>();
    spec.path("components").path("responses").forEach(responses::add);
    for (JsonNode path : spec.path("paths")) {
      for (JsonNode operation : path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = operation.path("responses").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          if (entry.getKey().matches("[45]\\d\\d")) {
            responses.add(entry.getValue());
          }
        }
      }
    }
    return responses;
  }

  private static JsonNode spec() throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("openapi.yaml").toFile());
  }

  private static Set<String> specCodes() {
    try {
      Set<String> codes = new TreeSet<>();
      spec()
          .path("components")
          .path("schemas")
          .path("ProblemCode")
          .path("enum")
          .forEach(code -> codes.add(code.asText()));
      return codes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Set<String> serverCodes() {
    Map<Path, String> sources = read(HTTP_SOURCES);
    Set<String> exceptions = exceptionClasses(sources);
    Set<String> codes = new TreeSet<>();
    List<String> hidden = new ArrayList<>();
    for (Map.Entry<Path, String> source : sources.entrySet()) {
      Path file = source.getKey();
      String text = source.getValue();
      boolean errorPackage = file.toString().replace('\\', '/').contains("/common/error/");
      for (String exception : exceptions) {
        for (List<String> args : calls(text, "new " + exception + "(")) {
          codeArgument(args, 0, 2, file, hidden).ifPresent(codes::add);
        }
      }
      for (String call : List.of("super(", "this(")) {
        for (int at : callSites(text, call)) {
          if (!exceptions.contains(enclosingParent(text, at))) {
            continue;
          }
          List<String> args = arguments(text, at + call.length());
          if (errorPackage) {
            // the exceptions' own defaults, e.g. this("bad_request", detail); pass-throughs skipped
            literal(args.get(0)).filter(CODE.asMatchPredicate()).ifPresent(codes::add);
          } else {
            codeArgument(args, 0, 2, file, hidden).ifPresent(codes::add);
          }
        }
      }
      for (List<String> args : calls(text, "Problem.of(")) {
        codeArgument(args, 1, 3, file, hidden).ifPresent(codes::add);
      }
      for (List<String> args : calls(text, "Problem.invalid(")) {
        codeArgument(args, 0, 3, file, hidden).ifPresent(codes::add);
      }
      if (file.getFileName().toString().equals("Problem.java")) {
        int start = text.indexOf("static String defaultCode(");
        assertThat(start).as("Problem.defaultCode exists").isNotNegative();
        String body = text.substring(start, text.indexOf("\n  }\n", start));
        Matcher literal = Pattern.compile("\"([a-z][a-z0-9_]*)\"").matcher(body);
        while (literal.find()) {
          codes.add(literal.group(1));
        }
      } else {
        assertThat(text)
            .as(file + " builds problems through Problem.of or Problem.invalid")
            .doesNotContain("new Problem(");
      }
    }
    assertThat(hidden)
        .as("codes must be string literals where they are passed, so this test can see them")
        .isEmpty();
    return codes;
  }

  /** The superclass of the class declared last before {@code at}, or "" if none is named. */
  private static String enclosingParent(String text, int at) {
    Matcher matcher = DECLARATION.matcher(text.substring(0, at));
    String parent = "";
    while (matcher.find()) {
      parent = matcher.group(2) == null ? "" : matcher.group(2);
    }
    return parent;
  }

  /**
   * The code among {@code args}, when the call has at least {@code arity} arguments; a code that is
   * neither a literal nor passed on from an exception or a status is reported in {@code hidden}.
   */
  private static java.util.Optional<String> codeArgument(
      List<String> args, int index, int arity, Path file, List<String> hidden) {
    if (args.size() < arity) {
      return java.util.Optional.empty();
    }
    String arg = args.get(index).strip();
    java.util.Optional<String> code = literal(arg);
    if (code.isPresent() && CODE.matcher(code.get()).matches()) {
      return code;
    }
    if (!PASSED_ON_CODE.matcher(arg).matches()) {
      hidden.add(file.getFileName() + ": " + arg);
    }
    return java.util.Optional.empty();
  }

  private static java.util.Optional<String> literal(String arg) {
    String trimmed = arg.strip();
    if (trimmed.length() >= 2
        && trimmed.startsWith("\"")
        && trimmed.endsWith("\"")
        && trimmed.indexOf('"', 1) == trimmed.length() - 1) {
      return java.util.Optional.of(trimmed.substring(1, trimmed.length() - 1));
    }
    return java.util.Optional.empty();
  }

  private static Set<String> exceptionClasses(Map<Path, String> sources) {
    Set<String> classes = new HashSet<>(Set.of("AtriumException"));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (String text : sources.values()) {
        Matcher matcher = EXTENDS.matcher(text);
        while (matcher.find()) {
          if (classes.contains(matcher.group(2))) {
            grew |= classes.add(matcher.group(1));
          }
        }
      }
    }
    classes.remove("AtriumException");
    return classes;
  }

  /** The argument lists of every call that starts with {@code opening} (ending in '('). */
  static List<List<String>> calls(String text, String opening) {
    List<List<String>> calls = new ArrayList<>();
    for (int at : callSites(text, opening)) {
      calls.add(arguments(text, at + opening.length()));
    }
    return calls;
  }

  private static List<Integer> callSites(String text, String opening) {
    List<Integer> sites = new ArrayList<>();
    for (int at = text.indexOf(opening); at >= 0; at = text.indexOf(opening, at + 1)) {
      if (at == 0 || !Character.isJavaIdentifierPart(text.charAt(at - 1))) {
        sites.add(at);
      }
    }
    return sites;
  }

  /** Splits the arguments that start at {@code from} (just after '(') at top-level commas. */
  static List<String> arguments(String text, int from) {
    List<String> args = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        int end = endOfLiteral(text, i);
        current.append(text, i, end);
        i = end - 1;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          if (!current.toString().isBlank() || !args.isEmpty()) {
            args.add(current.toString().strip());
          }
          return args;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        args.add(current.toString().strip());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    throw new IllegalStateException("unbalanced call at " + from);
  }

  private static int endOfLiteral(String text, int start) {
    char quote = text.charAt(start);
    if (quote == '"' && text.startsWith("\"\"\"", start)) {
      return text.indexOf("\"\"\"", start + 3) + 3;
    }
    for (int i = start + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i + 1;
      }
    }
    throw new IllegalStateException("unterminated literal at " + start);
  }

  private static Map<Path, String> read(List<Path> roots) {
    Map<Path, String> sources = new LinkedHashMap<>();
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          sources.put(file, Files.readString(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sources;
  }
}
