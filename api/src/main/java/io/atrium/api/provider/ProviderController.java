package io.atrium.api.provider;

import io.atrium.api.http.Authenticator;
import io.atrium.api.http.ClientAddress;
import io.atrium.api.http.Fields;
import io.atrium.api.http.JsonBodies;
import io.atrium.api.provider.ProviderMessages.ProviderResponse;
import io.atrium.api.provider.ProviderMessages.ScalewayCredentialsRequest;
import io.atrium.api.provider.ProviderMessages.ScalewayCredentialsResponse;
import io.atrium.common.provider.ProviderCredentialsService;
import io.atrium.common.provider.ScalewayKeyInput;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;

/** {@code /api/v1/providers}: what the organization can use, and its Scaleway credentials. */
public final class ProviderController {
  private final ProviderCredentialsService credentials;
  private final JsonBodies bodies;
  private final ClientAddress clients;

  @Inject
  public ProviderController(
      ProviderCredentialsService credentials, JsonBodies bodies, ClientAddress clients) {
    this.credentials = credentials;
    this.bodies = bodies;
    this.clients = clients;
  }

  /** {@code GET /providers} and {@code GET /providers/config-status}. */
  public void list(Context ctx) {
    ctx.json(
        credentials.list(Authenticator.caller(ctx)).stream().map(ProviderResponse::from).toList());
  }

  public void saveScaleway(Context ctx) throws IOException {
    ScalewayCredentialsRequest body = bodies.read(ctx, ScalewayCredentialsRequest.class);
    Fields.check()
        .required("project_id", body.projectId())
        .required("secret_key", body.secretKey())
        .orThrow();
    var saved =
        credentials.saveScaleway(
            Authenticator.caller(ctx),
            new ScalewayKeyInput(
                body.projectId(), body.secretKey(), body.accessKey(), body.defaultZone()),
            clients.origin(ctx));
    ctx.json(ScalewayCredentialsResponse.from(saved));
  }

  public void deleteScaleway(Context ctx) {
    credentials.deleteScaleway(Authenticator.caller(ctx), clients.origin(ctx));
    ctx.status(204);
  }
}
