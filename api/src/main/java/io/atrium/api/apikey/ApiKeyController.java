package io.atrium.api.apikey;

import io.atrium.api.apikey.ApiKeyMessages.ApiKeyResponse;
import io.atrium.api.apikey.ApiKeyMessages.CreateApiKeyRequest;
import io.atrium.api.apikey.ApiKeyMessages.CreatedApiKeyResponse;
import io.atrium.api.apikey.ApiKeyMessages.RenameApiKeyRequest;
import io.atrium.api.http.Authenticator;
import io.atrium.api.http.ClientAddress;
import io.atrium.api.http.JsonBodies;
import io.atrium.api.http.Pages;
import io.atrium.api.organization.Ids;
import io.atrium.common.apikey.ApiKeyService;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;

/** The API keys of the current workspace. */
public final class ApiKeyController {
  private final ApiKeyService apiKeys;
  private final JsonBodies bodies;
  private final ClientAddress clients;

  @Inject
  public ApiKeyController(ApiKeyService apiKeys, JsonBodies bodies, ClientAddress clients) {
    this.apiKeys = apiKeys;
    this.bodies = bodies;
    this.clients = clients;
  }

  public void list(Context ctx) {
    var page = apiKeys.list(Authenticator.caller(ctx), Pages.of(ctx));
    ctx.json(Pages.Body.of(page.map(ApiKeyResponse::from)));
  }

  public void create(Context ctx) throws IOException {
    CreateApiKeyRequest body = bodies.read(ctx, CreateApiKeyRequest.class);
    var created =
        apiKeys.create(
            Authenticator.caller(ctx),
            body.name(),
            body.role(),
            body.expiresInDays(),
            clients.origin(ctx));
    ctx.status(201).json(CreatedApiKeyResponse.from(created));
  }

  public void rename(Context ctx) throws IOException {
    RenameApiKeyRequest body = bodies.read(ctx, RenameApiKeyRequest.class);
    var key =
        apiKeys.rename(
            Authenticator.caller(ctx),
            Ids.parse(ctx.pathParam("id")),
            body.name(),
            clients.origin(ctx));
    ctx.json(ApiKeyResponse.from(key));
  }

  public void revoke(Context ctx) {
    apiKeys.revoke(Authenticator.caller(ctx), Ids.parse(ctx.pathParam("id")), clients.origin(ctx));
    ctx.status(204);
  }
}
