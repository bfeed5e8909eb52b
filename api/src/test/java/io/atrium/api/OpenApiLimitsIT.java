package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.SpecOperations;
import io.atrium.api.support.SpecOperations.Field;
import io.atrium.api.support.SpecOperations.Field.StringSlot;
import io.atrium.api.support.SpecOperations.Operation;
import io.atrium.api.support.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml's {@code maxLength}s are the server's: every string of every request body and query
 * of the spec has one, and the server, sent one character more, refuses it naming that very number.
 * Read from the spec, so a new field is held to this without anyone listing it.
 */
class OpenApiLimitsIT {
  private final TestApp app = TestApp.shared();
  private SignedIn owner;
  private SignedIn admin;

  @BeforeEach
  void setUp() {
    app.reset();
    owner = Accounts.register(app);
    Organizations.create(owner, "Limits Org");
    admin = Accounts.admin(app);
  }

  @Test
  void everyRequestStringOfTheSpecHasAMaxLength() {
    List<String> unbounded = new ArrayList<>();
    for (Operation operation : SpecOperations.all()) {
      List<Field> fields = new ArrayList<>(operation.bodyProperties());
      fields.addAll(operation.parameters("query"));
      fields.addAll(operation.parameters("path"));
      for (Field field : fields) {
        for (StringSlot slot : field.strings()) {
          if (slot.maxLength() < 0) {
            unbounded.add(operation.id() + " " + field.in() + " " + field.name());
          }
        }
      }
    }
    assertThat(unbounded).as("strings without maxLength").isEmpty();
  }

  @Test
  void theServerEnforcesTheSpecsMaxLengths() {
    int checked = 0;
    for (Operation operation : SpecOperations.all()) {
      Http http = operation.path().startsWith("/api/v1/admin/") ? admin.http() : owner.http();
      String path = operation.path().replaceAll("\\{[a-z_]+}", UUID.randomUUID().toString());
      for (Field field : operation.bodyProperties()) {
        for (StringSlot slot : field.strings()) {
          String value = "a".repeat(slot.maxLength() + 1);
          Object sent = slot.item() ? List.of(value) : value;
          Response response =
              http.send(operation.method(), path, Map.of(field.name(), sent), "application/json");
          String where = operation.id() + " body " + field.name() + (slot.item() ? "[]" : "");
          assertThat(response.status()).as(where + " → " + response).isEqualTo(422);
          assertThat(response.problemCode()).isEqualTo("validation_failed");
          expectLimit(response, field.name() + (slot.item() ? "[0]" : ""), slot, field, where);
          checked++;
        }
      }
      for (Field field : operation.parameters("query")) {
        for (StringSlot slot : field.strings()) {
          String value = "a".repeat(slot.maxLength() + 1);
          Response response =
              http.send(operation.method(), path + "?" + field.name() + "=" + value, null, null);
          String where = operation.id() + " query " + field.name();
          assertThat(response.status()).as(where + " → " + response).isEqualTo(400);
          assertThat(response.problemCode()).isEqualTo("bad_request");
          expectLimit(response, field.name(), slot, field, where);
          checked++;
        }
      }
    }
    assertThat(checked).as("fields checked").isGreaterThan(40);
  }

  /**
   * The answer names the field with the spec's own number. One exception: the alternative of a
   * {@code oneOf} that is a single keyword ({@code "all"} beside a list of emails) shares the
   * field's limit, the list items'; any longer value is refused all the same.
   */
  private static void expectLimit(
      Response response, String field, StringSlot slot, Field declared, String where) {
    String expected = "must be at most " + slot.maxLength() + " characters";
    JsonNode errors = response.json().path("errors");
    boolean named = false;
    for (JsonNode error : errors) {
      named |=
          error.path("field").asText().equals(field)
              && error.path("message").asText().equals(expected);
    }
    boolean keywordAlternative =
        declared.strings().size() > 1 && !slot.item() && slot.constrained();
    if (!keywordAlternative) {
      assertThat(named)
          .as(where + ": expected " + field + " " + expected + " in " + errors)
          .isTrue();
    }
  }
}
