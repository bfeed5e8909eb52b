package io.atrium.api.model;

import io.atrium.api.http.Authenticator;
import io.atrium.api.http.ClientAddress;
import io.atrium.api.http.JsonBodies;
import io.atrium.api.http.Pages;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.model.Model;
import io.atrium.common.model.ModelService;
import io.atrium.common.model.ModelService.Activation;
import io.atrium.common.model.ModelService.ModelInput;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/** {@code /api/v1/models}: public models and the current organization's own. */
public final class ModelController {
  private final ModelService models;
  private final JsonBodies bodies;
  private final ClientAddress clients;

  @Inject
  public ModelController(ModelService models, JsonBodies bodies, ClientAddress clients) {
    this.models = models;
    this.bodies = bodies;
    this.clients = clients;
  }

  record CreateModelRequest(String name, String code, String description, String visibility) {}

  /** {@code visibility} is not changed by an edit: it is not read from the body. */
  record UpdateModelRequest(String name, String code, String description) {}

  record ModelResponse(
      UUID id,
      String name,
      String code,
      String description,
      String visibility,
      UUID organizationId,
      UUID techActivatedBy,
      Instant techActivatedAt,
      UUID ecoActivatedBy,
      Instant ecoActivatedAt,
      boolean isOperational,
      Instant createdAt) {
    static ModelResponse from(Model model) {
      return new ModelResponse(
          model.id(),
          model.name(),
          model.code(),
          model.description(),
          model.visibility(),
          model.organizationId(),
          model.techActivatedBy(),
          model.techActivatedAt(),
          model.ecoActivatedBy(),
          model.ecoActivatedAt(),
          model.isOperational(),
          model.createdAt());
    }
  }

  public void list(Context ctx) {
    ctx.json(
        Pages.Body.of(
            models.list(Authenticator.caller(ctx), Pages.of(ctx)).map(ModelResponse::from)));
  }

  public void create(Context ctx) throws IOException {
    CreateModelRequest body = bodies.read(ctx, CreateModelRequest.class);
    Model created =
        models.create(
            Authenticator.caller(ctx),
            new ModelInput(body.name(), body.code(), body.description(), body.visibility()),
            clients.origin(ctx));
    ctx.status(201).json(ModelResponse.from(created));
  }

  public void update(Context ctx) throws IOException {
    UUID id = id(ctx);
    UpdateModelRequest body = bodies.read(ctx, UpdateModelRequest.class);
    Model updated =
        models.update(
            Authenticator.caller(ctx),
            id,
            new ModelInput(body.name(), body.code(), body.description(), null),
            clients.origin(ctx));
    ctx.json(ModelResponse.from(updated));
  }

  public void delete(Context ctx) {
    models.delete(Authenticator.caller(ctx), id(ctx), clients.origin(ctx));
    ctx.status(204);
  }

  public void activateTechnical(Context ctx) {
    activation(ctx, Activation.TECHNICAL, true);
  }

  public void withdrawTechnical(Context ctx) {
    activation(ctx, Activation.TECHNICAL, false);
  }

  public void activateEconomic(Context ctx) {
    activation(ctx, Activation.ECONOMIC, true);
  }

  public void withdrawEconomic(Context ctx) {
    activation(ctx, Activation.ECONOMIC, false);
  }

  private void activation(Context ctx, Activation activation, boolean active) {
    Model model =
        models.activate(
            Authenticator.caller(ctx), id(ctx), activation, active, clients.origin(ctx));
    ctx.json(ModelResponse.from(model));
  }

  /** A path id that is not a UUID names nothing: 404 like any unknown id. */
  private static UUID id(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("not_found", "No such model.");
    }
  }
}
