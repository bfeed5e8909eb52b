package io.atrium.api.organization;

import io.atrium.api.account.AccountMessages.AuthResponse;
import io.atrium.api.http.Authenticator;
import io.atrium.api.http.ClientAddress;
import io.atrium.api.http.Fields;
import io.atrium.api.http.JsonBodies;
import io.atrium.api.http.Pages;
import io.atrium.api.organization.OrganizationMessages.AcceptInvitationRequest;
import io.atrium.api.organization.OrganizationMessages.AcceptedOrganization;
import io.atrium.api.organization.OrganizationMessages.AcceptedResponse;
import io.atrium.api.organization.OrganizationMessages.CreateInvitationRequest;
import io.atrium.api.organization.OrganizationMessages.InvitationPreviewResponse;
import io.atrium.api.organization.OrganizationMessages.InvitationResponse;
import io.atrium.common.organization.InvitationService;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/** Invitations: managed by members of the current organization, answered through the link. */
public final class InvitationController {
  private final InvitationService invitations;
  private final JsonBodies bodies;
  private final ClientAddress clients;
  private final Clock clock;

  @Inject
  public InvitationController(
      InvitationService invitations, JsonBodies bodies, ClientAddress clients, Clock clock) {
    this.invitations = invitations;
    this.bodies = bodies;
    this.clients = clients;
    this.clock = clock;
  }

  public void list(Context ctx) {
    Instant now = clock.instant();
    var page = invitations.list(Authenticator.caller(ctx), ctx.queryParam("status"), Pages.of(ctx));
    ctx.json(Pages.Body.of(page.map(i -> InvitationResponse.from(i, now))));
  }

  public void create(Context ctx) throws IOException {
    CreateInvitationRequest body = bodies.read(ctx, CreateInvitationRequest.class);
    Fields.check().required("email", body.email()).required("role", body.role()).orThrow();
    var invitation =
        invitations.create(
            Authenticator.caller(ctx), body.email(), body.role(), clients.origin(ctx));
    ctx.status(201).json(InvitationResponse.from(invitation, clock.instant()));
  }

  public void revoke(Context ctx) {
    invitations.revoke(
        Authenticator.caller(ctx), Ids.parse(ctx.pathParam("id")), clients.origin(ctx));
    ctx.status(204);
  }

  public void resend(Context ctx) {
    var invitation =
        invitations.resend(
            Authenticator.caller(ctx), Ids.parse(ctx.pathParam("id")), clients.origin(ctx));
    ctx.json(InvitationResponse.from(invitation, clock.instant()));
  }

  public void preview(Context ctx) {
    ctx.json(InvitationPreviewResponse.from(invitations.preview(ctx.pathParam("token"))));
  }

  /** 200 {organization, role} when signed in; 201 with register's fields too when created. */
  public void accept(Context ctx) throws IOException {
    var caller = Authenticator.optionalCaller(ctx);
    AcceptInvitationRequest body =
        bodies.readOptional(
            ctx, AcceptInvitationRequest.class, new AcceptInvitationRequest(null, null));
    var accepted =
        invitations.accept(
            ctx.pathParam("token"),
            caller,
            body.password(),
            body.displayName(),
            clients.origin(ctx));
    var organization = accepted.organization();
    ctx.status(accepted.auth().isPresent() ? 201 : 200)
        .json(
            new AcceptedResponse(
                new AcceptedOrganization(
                    organization.id(), organization.name(), organization.slug()),
                accepted.role(),
                accepted.auth().map(AuthResponse::from).orElse(null)));
  }
}
