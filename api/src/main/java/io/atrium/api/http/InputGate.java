package io.atrium.api.http;

import static io.atrium.common.input.TextKind.IDENTIFIER;
import static io.atrium.common.input.TextKind.LINE;
import static io.atrium.common.input.TextKind.MULTILINE;
import static io.atrium.common.input.TextKind.SECRET;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.common.error.BadRequestException;
import io.atrium.common.error.FieldError;
import io.atrium.common.error.InvalidException;
import io.atrium.common.input.InputLimits;
import io.atrium.common.input.TextKind;
import io.atrium.common.input.TextRules;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one gate every client text passes before a handler sees it: each JSON string of a body (at
 * any depth, field names too) and each query parameter. Every text is refused with NUL or an
 * unpaired surrogate; a known field is held to its kind's characters and its maximum length ({@link
 * InputLimits}, the numbers of {@code openapi.yaml}). Fields are known by name, so that {@code
 * name} or {@code email} obey one rule on every route. Bodies answer 422 with the fields, queries
 * 400 with the parameters.
 */
public final class InputGate {
  record Rule(int maxLength, TextKind kind) {}

  static final Map<String, Rule> BODY_FIELDS =
      Map.ofEntries(
          Map.entry("email", new Rule(InputLimits.EMAIL, IDENTIFIER)),
          Map.entry("owner_email", new Rule(InputLimits.EMAIL, IDENTIFIER)),
          Map.entry("recipients", new Rule(InputLimits.EMAIL, IDENTIFIER)),
          Map.entry("password", new Rule(InputLimits.PASSWORD, SECRET)),
          Map.entry("current_password", new Rule(InputLimits.PASSWORD, SECRET)),
          Map.entry("new_password", new Rule(InputLimits.PASSWORD, SECRET)),
          Map.entry("display_name", new Rule(InputLimits.DISPLAY_NAME, IDENTIFIER)),
          Map.entry("refresh_token", new Rule(InputLimits.TOKEN, IDENTIFIER)),
          Map.entry("token", new Rule(InputLimits.TOKEN, IDENTIFIER)),
          Map.entry("name", new Rule(InputLimits.ORGANIZATION_NAME, IDENTIFIER)),
          Map.entry("slug", new Rule(InputLimits.SLUG, IDENTIFIER)),
          Map.entry("sidebar_color", new Rule(InputLimits.COLOR, IDENTIFIER)),
          Map.entry("role", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("status", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("subscription_plan", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("type", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("organization_id", new Rule(InputLimits.UUID, IDENTIFIER)),
          Map.entry("organization_ids", new Rule(InputLimits.UUID, IDENTIFIER)),
          Map.entry("wallet_balance_eur", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("subject", new Rule(InputLimits.SUBJECT, LINE)),
          Map.entry("body", new Rule(InputLimits.BODY, MULTILINE)),
          Map.entry("body_html", new Rule(InputLimits.BODY_HTML, MULTILINE)),
          Map.entry("action_url", new Rule(InputLimits.URL, IDENTIFIER)),
          Map.entry("action_text", new Rule(InputLimits.ACTION_TEXT, LINE)),
          Map.entry("project_id", new Rule(InputLimits.UUID, IDENTIFIER)),
          Map.entry("secret_key", new Rule(InputLimits.PROVIDER_SECRET, IDENTIFIER)),
          Map.entry("access_key", new Rule(InputLimits.PROVIDER_ACCESS_KEY, IDENTIFIER)),
          Map.entry("default_zone", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("code", new Rule(InputLimits.MODEL_CODE, IDENTIFIER)),
          Map.entry("description", new Rule(InputLimits.DESCRIPTION, MULTILINE)),
          Map.entry("visibility", new Rule(InputLimits.KEYWORD, IDENTIFIER)));

  static final Map<String, Rule> QUERY_PARAMETERS =
      Map.ofEntries(
          Map.entry("q", new Rule(InputLimits.SEARCH, IDENTIFIER)),
          Map.entry("plan", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("status", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("role", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("sort", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("unread", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("organization_id", new Rule(InputLimits.UUID, IDENTIFIER)),
          Map.entry("page", new Rule(InputLimits.NUMBER, IDENTIFIER)),
          Map.entry("page_size", new Rule(InputLimits.NUMBER, IDENTIFIER)),
          Map.entry("provider", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("zone", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("gpu", new Rule(InputLimits.KEYWORD, IDENTIFIER)),
          Map.entry("include_inactive", new Rule(InputLimits.KEYWORD, IDENTIFIER)));

  /** Texts nobody reads (unknown fields and parameters) still may not carry NUL or half pairs. */
  private static final Rule ANY = new Rule(Integer.MAX_VALUE, SECRET);

  private static final int MAX_SHOWN = 100;

  private InputGate() {}

  /** A before-handler of every matched route. */
  public static void checkQuery(Context ctx) {
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
      String name = parameter.getKey();
      check(name, name, ANY, errors);
      Rule rule = QUERY_PARAMETERS.getOrDefault(name, ANY);
      for (String value : parameter.getValue()) {
        check(name, value, rule, errors);
      }
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(
          "bad_request", "The query has invalid parameters.", distinct(errors));
    }
  }

  /** Checks every text of a parsed body; throws 422 naming each field at fault. */
  static void checkBody(JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    walk(body, "", ANY, errors);
    if (!errors.isEmpty()) {
      throw new InvalidException(distinct(errors));
    }
  }

  private static void walk(JsonNode node, String path, Rule rule, List<FieldError> errors) {
    if (node.isTextual()) {
      check(path.isEmpty() ? "body" : path, node.textValue(), rule, errors);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", rule, errors);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = field.getKey();
        String fieldPath = path.isEmpty() ? name : path + "." + name;
        check(fieldPath, name, ANY, errors);
        walk(field.getValue(), fieldPath, BODY_FIELDS.getOrDefault(name, ANY), errors);
      }
    }
  }

  private static void check(String field, String value, Rule rule, List<FieldError> errors) {
    Optional<String> problem = TextRules.problem(value, rule.kind());
    if (problem.isPresent()) {
      errors.add(new FieldError(printable(field), problem.get()));
    } else if (TextRules.length(value) > rule.maxLength()) {
      errors.add(
          new FieldError(printable(field), "must be at most " + rule.maxLength() + " characters"));
    }
  }

  /**
   * A field name that is itself hostile is reported without the characters that made it so, and a
   * long one cut short: the answer must not echo what the gate refused.
   */
  private static String printable(String field) {
    String shown =
        field
            .codePoints()
            .map(
                c -> {
                  int type = Character.getType(c);
                  return type == Character.CONTROL
                          || type == Character.FORMAT
                          || type == Character.SURROGATE
                          || type == Character.LINE_SEPARATOR
                          || type == Character.PARAGRAPH_SEPARATOR
                      ? '?'
                      : c;
                })
            .limit(MAX_SHOWN)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return shown.length() < field.length() && TextRules.length(field) > MAX_SHOWN
        ? shown + "…"
        : shown;
  }

  private static List<FieldError> distinct(List<FieldError> errors) {
    return errors.stream().distinct().limit(20).toList();
  }
}
