package io.atrium.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Accounts;
import io.atrium.api.support.Accounts.SignedIn;
import io.atrium.api.support.ApiKeys;
import io.atrium.api.support.Http;
import io.atrium.api.support.Http.Response;
import io.atrium.api.support.Organizations;
import io.atrium.api.support.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The models routes over HTTP: the permission matrix, public models, codes, audit. */
class ModelsIT {
  private static final String MODELS = "/api/v1/models";

  private final TestApp app = TestApp.shared();
  private SignedIn owner;
  private UUID organization;
  private Map<String, SignedIn> members;

  /**
   * Who acts in the table-driven tests: a role of the organization and the client that acts with it
   * (its user id for the activation records): sessions of the four roles and organization API keys
   * of the four roles.
   */
  record Principal(String label, String role, Http http, UUID userId) {}

  /** The principals to run the matrix with, one list per kind of credential. */
  private final List<BiFunction<String, SignedIn, Principal>> principals =
      List.of(
          (role, member) -> new Principal("session " + role, role, member.http(), member.userId()),
          // an organization key of the role, made by the owner: it acts for its creator
          (role, member) ->
              new Principal(
                  "api key " + role, role, ApiKeys.create(owner, role).http(app), owner.userId()));

  @BeforeEach
  void setUp() {
    app.reset();
    owner = Accounts.register(app);
    organization = Organizations.create(owner, "Model Makers");
    members = new HashMap<>();
    members.put("owner", owner);
    for (String role : List.of("admin", "manager", "user")) {
      members.put(role, Organizations.addMember(app, owner, organization, role));
    }
  }

  private List<Principal> everyPrincipal() {
    List<Principal> all = new ArrayList<>();
    for (BiFunction<String, SignedIn, Principal> kind : principals) {
      for (String role : List.of("owner", "admin", "manager", "user")) {
        all.add(kind.apply(role, members.get(role)));
      }
    }
    return all;
  }

  private UUID createModel(String code) {
    Response created = owner.http().post(MODELS, Map.of("name", "Model " + code, "code", code));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return UUID.fromString(created.json().get("id").asText());
  }

  private static List<String> codes(Response listed) {
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    return StreamSupport.stream(listed.json().get("items").spliterator(), false)
        .map(item -> item.get("code").asText())
        .toList();
  }

  @Test
  void everyRoleMayListOnlyOwnersAndAdminsCreateEditAndDelete() {
    Set<String> managers = Set.of("owner", "admin");
    for (Principal principal : everyPrincipal()) {
      boolean allowed = managers.contains(principal.role());
      String label = principal.label();
      Response listed = principal.http().get(MODELS);
      assertThat(listed.status()).as(label + " lists").isEqualTo(200);

      String code = "by-" + principal.role() + "-" + principal.label().hashCode();
      Response created =
          principal
              .http()
              .post(MODELS, Map.of("name", "Mine", "code", code, "description", "A model."));
      assertThat(created.status())
          .as(label + " creates: " + created)
          .isEqualTo(allowed ? 201 : 403);
      if (allowed) {
        JsonNode model = created.json();
        assertThat(model.get("visibility").asText()).isEqualTo("organization");
        assertThat(model.get("organization_id").asText()).isEqualTo(organization.toString());
        assertThat(model.get("code").asText()).isEqualTo(code);
        assertThat(model.get("description").asText()).isEqualTo("A model.");
        assertThat(model.get("is_operational").asBoolean()).isFalse();
        assertThat(model.get("tech_activated_by").isNull()).isTrue();
      } else {
        assertThat(created.problemCode()).isEqualTo("forbidden");
      }

      UUID target = createModel("target-" + Math.abs(label.hashCode()));
      Response patched = principal.http().patch(MODELS + "/" + target, Map.of("name", "Renamed"));
      assertThat(patched.status()).as(label + " edits").isEqualTo(allowed ? 200 : 403);
      if (allowed) {
        assertThat(patched.json().get("name").asText()).isEqualTo("Renamed");
      }
      Response deleted = principal.http().delete(MODELS + "/" + target);
      assertThat(deleted.status()).as(label + " deletes").isEqualTo(allowed ? 204 : 403);
      assertThat(codes(owner.http().get(MODELS)).contains("target-" + Math.abs(label.hashCode())))
          .as(label + "'s target still listed")
          .isEqualTo(!allowed);
    }
  }

  @Test
  void technicalActivationIsOwnersAndAdminsAndEconomicOwnersAndManagers() {
    Map<String, Set<String>> allowed =
        Map.of(
            "activate-tech", Set.of("owner", "admin"), "activate-eco", Set.of("owner", "manager"));
    for (Principal principal : everyPrincipal()) {
      for (String activation : List.of("activate-tech", "activate-eco")) {
        String field = activation.equals("activate-tech") ? "tech" : "eco";
        boolean may = allowed.get(activation).contains(principal.role());
        String label = principal.label() + " " + activation;
        UUID model = createModel("act-" + Math.abs(label.hashCode()));
        app.clock().advance(Duration.ofMinutes(1));

        Instant before = app.clock().instant().truncatedTo(ChronoUnit.MICROS);
        Response set = principal.http().post(MODELS + "/" + model + "/" + activation, null);
        Instant after = app.clock().instant();
        assertThat(set.status()).as(label + ": " + set).isEqualTo(may ? 200 : 403);
        if (may) {
          assertThat(set.json().get(field + "_activated_by").asText())
              .isEqualTo(principal.userId().toString());
          assertThat(Instant.parse(set.json().get(field + "_activated_at").asText()))
              .isBetween(before, after);
          assertThat(set.json().get("is_operational").asBoolean()).isFalse();
        } else {
          assertThat(set.problemCode()).isEqualTo("forbidden");
        }
        Response withdrawn = principal.http().delete(MODELS + "/" + model + "/" + activation);
        assertThat(withdrawn.status()).as(label + " withdraws").isEqualTo(may ? 200 : 403);
        if (may) {
          assertThat(withdrawn.json().get(field + "_activated_by").isNull()).isTrue();
          assertThat(withdrawn.json().get(field + "_activated_at").isNull()).isTrue();
        }
      }
    }
  }

  @Test
  void aModelIsOperationalWhileBothActivationsAreSetAndEachKeepsItsFirstAuthor() {
    UUID model = createModel("llama-3-8b");
    SignedIn admin = members.get("admin");
    SignedIn manager = members.get("manager");

    JsonNode tech = admin.http().post(MODELS + "/" + model + "/activate-tech", null).json();
    app.clock().advance(Duration.ofMinutes(2));
    JsonNode again = owner.http().post(MODELS + "/" + model + "/activate-tech", null).json();
    JsonNode both = manager.http().post(MODELS + "/" + model + "/activate-eco", null).json();

    assertThat(tech.get("is_operational").asBoolean()).isFalse();
    assertThat(again.get("tech_activated_by").asText()).isEqualTo(admin.userId().toString());
    assertThat(again.get("tech_activated_at")).isEqualTo(tech.get("tech_activated_at"));
    assertThat(both.get("is_operational").asBoolean()).isTrue();
    assertThat(both.get("eco_activated_by").asText()).isEqualTo(manager.userId().toString());
    assertThat(codes(owner.http().get(MODELS))).containsExactly("llama-3-8b");
    assertThat(
            owner.http().get(MODELS).json().get("items").get(0).get("is_operational").asBoolean())
        .isTrue();

    JsonNode withdrawn = admin.http().delete(MODELS + "/" + model + "/activate-tech").json();
    assertThat(withdrawn.get("is_operational").asBoolean()).isFalse();
    assertThat(withdrawn.get("eco_activated_by").asText()).isEqualTo(manager.userId().toString());
  }

  @Test
  void publicModelsAreThePlatformAdminsFromThePersonalWorkspace() {
    SignedIn admin = Accounts.admin(app);
    Response made =
        admin
            .http()
            .post(
                MODELS, Map.of("name", "Mistral 7B", "code", "mistral-7b", "visibility", "public"));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    assertThat(made.json().get("visibility").asText()).isEqualTo("public");
    assertThat(made.json().get("organization_id").isNull()).isTrue();
    UUID publicModel = UUID.fromString(made.json().get("id").asText());

    Response noVisibility = admin.http().post(MODELS, Map.of("name", "Nowhere"));
    assertThat(noVisibility.status()).isEqualTo(400);
    assertThat(noVisibility.problemCode()).isEqualTo("organization_required");

    SignedIn personal = Accounts.register(app);
    Response byUser = personal.http().post(MODELS, Map.of("name", "Mine", "visibility", "public"));
    assertThat(byUser.status()).isEqualTo(403);
    assertThat(byUser.problemCode()).isEqualTo("forbidden");
    assertThat(personal.http().post(MODELS, Map.of("name", "Mine")).problemCode())
        .isEqualTo("organization_required");
    for (Principal principal : everyPrincipal()) {
      Response asked =
          principal.http().post(MODELS, Map.of("name", "Shared", "visibility", "public"));
      assertThat(asked.status()).as(principal.label()).isEqualTo(403);
    }

    UUID own = createModel("own-model");
    assertThat(codes(personal.http().get(MODELS))).containsExactly("mistral-7b");
    assertThat(codes(admin.http().get(MODELS))).containsExactly("mistral-7b");
    for (Principal principal : everyPrincipal()) {
      assertThat(codes(principal.http().get(MODELS)))
          .as(principal.label())
          .containsExactly("own-model", "mistral-7b");
      for (Response attempt :
          List.of(
              principal.http().patch(MODELS + "/" + publicModel, Map.of("name", "Ours")),
              principal.http().delete(MODELS + "/" + publicModel),
              principal.http().post(MODELS + "/" + publicModel + "/activate-tech", null),
              principal.http().post(MODELS + "/" + publicModel + "/activate-eco", null),
              principal.http().delete(MODELS + "/" + publicModel + "/activate-eco"))) {
        assertThat(attempt.status()).as(principal.label() + ": " + attempt).isEqualTo(403);
        assertThat(attempt.problemCode()).isEqualTo("forbidden");
      }
    }
    assertThat(personal.http().patch(MODELS + "/" + publicModel, Map.of("name", "x")).status())
        .isEqualTo(403);
    assertThat(admin.http().patch(MODELS + "/" + own, Map.of("name", "x")).status())
        .as("an organization's model does not exist for the personal workspace")
        .isEqualTo(404);

    Response renamed =
        admin.http().patch(MODELS + "/" + publicModel, Map.of("description", "Open weights."));
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().get("description").asText()).isEqualTo("Open weights.");
    assertThat(admin.http().post(MODELS + "/" + publicModel + "/activate-tech", null).status())
        .isEqualTo(200);
    JsonNode operational =
        admin.http().post(MODELS + "/" + publicModel + "/activate-eco", null).json();
    assertThat(operational.get("is_operational").asBoolean()).isTrue();
    assertThat(admin.http().delete(MODELS + "/" + publicModel).status()).isEqualTo(204);
    assertThat(codes(owner.http().get(MODELS))).containsExactly("own-model");
    assertThat(platformActions()).contains("model.created", "model.updated", "model.deleted");
  }

  @Test
  void aCodeIsUniqueAmongTheLiveModelsOfItsOwner() {
    UUID first = createModel("shared-code");
    Response twice = owner.http().post(MODELS, Map.of("name", "Again", "code", "shared-code"));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.problemCode()).isEqualTo("model_code_taken");

    UUID second = createModel("other-code");
    Response renamed = owner.http().patch(MODELS + "/" + second, Map.of("code", "shared-code"));
    assertThat(renamed.status()).isEqualTo(409);
    assertThat(renamed.problemCode()).isEqualTo("model_code_taken");

    SignedIn otherOwner = Accounts.register(app);
    Organizations.create(otherOwner, "Other Makers");
    assertThat(
            otherOwner
                .http()
                .post(MODELS, Map.of("name", "Theirs", "code", "shared-code"))
                .status())
        .isEqualTo(201);
    assertThat(
            Accounts.admin(app)
                .http()
                .post(
                    MODELS, Map.of("name", "Public", "code", "shared-code", "visibility", "public"))
                .status())
        .isEqualTo(201);

    assertThat(owner.http().delete(MODELS + "/" + first).status()).isEqualTo(204);
    assertThat(owner.http().post(MODELS, Map.of("name", "Reborn", "code", "shared-code")).status())
        .isEqualTo(201);

    Response derived = owner.http().post(MODELS, Map.of("name", "Llama 3 — 8B Instruct"));
    assertThat(derived.json().get("code").asText()).isEqualTo("llama-3-8b-instruct");
  }

  @Test
  void invalidBodiesAndIdsAreRefused() {
    UUID model = createModel("valid");
    for (Map<String, Object> body :
        List.of(
            Map.<String, Object>of("code", "no-name"),
            Map.<String, Object>of("name", "  "),
            Map.<String, Object>of("name", "x".repeat(101)),
            Map.<String, Object>of("name", "ok", "code", "-starts-badly"),
            Map.<String, Object>of("name", "ok", "code", "has space"),
            Map.<String, Object>of("name", "ok", "code", "c".repeat(101)),
            Map.<String, Object>of("name", "ok", "description", "d".repeat(2001)),
            Map.<String, Object>of("name", "ok", "visibility", "secret"))) {
      Response refused = owner.http().post(MODELS, body);
      assertThat(refused.status()).as(body.toString()).isEqualTo(422);
      assertThat(refused.problemCode()).isEqualTo("validation_failed");
    }
    assertThat(owner.http().patch(MODELS + "/" + model, Map.of("code", "bad code")).status())
        .isEqualTo(422);
    assertThat(owner.http().patch(MODELS + "/not-a-uuid", Map.of("name", "x")).status())
        .isEqualTo(404);
    assertThat(owner.http().delete(MODELS + "/" + UUID.randomUUID()).problemCode())
        .isEqualTo("not_found");
    assertThat(owner.http().post(MODELS + "/" + UUID.randomUUID() + "/activate-eco", null).status())
        .isEqualTo(404);
    assertThat(app.http().get(MODELS).status()).isEqualTo(401);

    Response notPublic =
        owner.http().patch(MODELS + "/" + model, Map.of("visibility", "public", "name", "Still"));
    assertThat(notPublic.status()).isEqualTo(200);
    assertThat(notPublic.json().get("visibility").asText()).isEqualTo("organization");
    Response cleared = owner.http().patch(MODELS + "/" + model, Map.of("description", ""));
    assertThat(cleared.json().get("description").isNull()).isTrue();
  }

  @Test
  void everyChangeIsInTheOrganizationsAuditLog() {
    UUID model = createModel("audited");
    owner.http().patch(MODELS + "/" + model, Map.of("name", "Audited"));
    owner.http().post(MODELS + "/" + model + "/activate-tech", null);
    owner.http().post(MODELS + "/" + model + "/activate-eco", null);
    owner.http().delete(MODELS + "/" + model + "/activate-eco");
    owner.http().delete(MODELS + "/" + model);

    List<JsonNode> entries =
        StreamSupport.stream(
                owner
                    .http()
                    .get("/api/v1/organizations/current/audit-logs?page_size=200")
                    .json()
                    .get("items")
                    .spliterator(),
                false)
            .filter(entry -> entry.get("action").asText().startsWith("model."))
            .toList();
    assertThat(entries)
        .extracting(entry -> entry.get("action").asText())
        .containsExactly(
            "model.deleted",
            "model.eco_deactivated",
            "model.eco_activated",
            "model.tech_activated",
            "model.updated",
            "model.created");
    assertThat(entries)
        .allSatisfy(
            entry -> {
              assertThat(entry.get("target_type").asText()).isEqualTo("model");
              assertThat(entry.get("target_id").asText()).isEqualTo(model.toString());
              assertThat(entry.get("actor_user_id").asText()).isEqualTo(owner.userId().toString());
            });
  }

  @Test
  void paging() {
    for (int i = 0; i < 5; i++) {
      createModel("paged-" + i);
      app.clock().advance(Duration.ofSeconds(1));
    }
    Response page = owner.http().get(MODELS + "?page=2&page_size=2");
    assertThat(codes(page)).containsExactly("paged-2", "paged-1");
    assertThat(page.json().get("total").asLong()).isEqualTo(5);
    assertThat(owner.http().get(MODELS + "?page=4&page_size=2").json().get("total").asLong())
        .isEqualTo(5);
    assertThat(owner.http().get(MODELS + "?page_size=0").status()).isEqualTo(400);
  }

  private List<String> platformActions() {
    return app.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT action FROM audit_log WHERE organization_id IS NULL ORDER BY seq")
                    .mapTo(String.class)
                    .list());
  }
}
