package io.atrium.api.organization;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.http.Authenticator;
import io.atrium.api.http.ClientAddress;
import io.atrium.api.http.Fields;
import io.atrium.api.http.JsonBodies;
import io.atrium.api.organization.OrganizationMessages.ChangeRoleRequest;
import io.atrium.api.organization.OrganizationMessages.CreateOrganizationRequest;
import io.atrium.api.organization.OrganizationMessages.MemberResponse;
import io.atrium.api.organization.OrganizationMessages.OrganizationResponse;
import io.atrium.api.organization.OrganizationMessages.OrganizationSummary;
import io.atrium.api.organization.OrganizationMessages.SwitchResponse;
import io.atrium.api.organization.OrganizationMessages.UpdateOrganizationRequest;
import io.atrium.common.error.InvalidException;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.organization.MembershipService;
import io.atrium.common.organization.OrganizationService;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.UUID;

/** {@code /api/v1/organizations}: the caller's organizations, the workspace and its members. */
public final class OrganizationController {
  private final OrganizationService organizations;
  private final MembershipService memberships;
  private final JsonBodies bodies;
  private final ClientAddress clients;

  @Inject
  public OrganizationController(
      OrganizationService organizations,
      MembershipService memberships,
      JsonBodies bodies,
      ClientAddress clients) {
    this.organizations = organizations;
    this.memberships = memberships;
    this.bodies = bodies;
    this.clients = clients;
  }

  public void list(Context ctx) {
    ctx.json(
        organizations.listMine(Authenticator.caller(ctx)).stream()
            .map(OrganizationSummary::from)
            .toList());
  }

  public void create(Context ctx) throws IOException {
    CreateOrganizationRequest body = bodies.read(ctx, CreateOrganizationRequest.class);
    Fields.check().required("name", body.name()).orThrow();
    var created =
        organizations.create(
            Authenticator.caller(ctx), body.name(), body.slug(), clients.origin(ctx));
    ctx.status(201).json(OrganizationResponse.from(created));
  }

  public void current(Context ctx) {
    ctx.json(OrganizationResponse.from(organizations.current(Authenticator.caller(ctx))));
  }

  /** Body {@code {"organization_id": uuid | null}}; null is the personal workspace. */
  public void switchWorkspace(Context ctx) throws IOException {
    JsonNode body = bodies.read(ctx, JsonNode.class);
    if (!body.isObject() || !body.has("organization_id")) {
      throw InvalidException.field(
          "organization_id", "is required (null for the personal workspace)");
    }
    JsonNode id = body.get("organization_id");
    UUID organizationId = null;
    if (!id.isNull()) {
      if (!id.isTextual()) {
        throw InvalidException.field("organization_id", "must be a UUID or null");
      }
      try {
        organizationId = UUID.fromString(id.asText());
      } catch (IllegalArgumentException e) {
        throw new NotFoundException("No such organization.");
      }
    }
    ctx.json(
        SwitchResponse.from(
            organizations.switchWorkspace(Authenticator.caller(ctx), organizationId)));
  }

  public void update(Context ctx) throws IOException {
    UpdateOrganizationRequest body = bodies.read(ctx, UpdateOrganizationRequest.class);
    var updated =
        organizations.update(
            Authenticator.caller(ctx),
            body.name(),
            body.slug(),
            body.sidebarColor(),
            clients.origin(ctx));
    ctx.json(OrganizationResponse.from(updated));
  }

  public void delete(Context ctx) {
    organizations.delete(Authenticator.caller(ctx), clients.origin(ctx));
    ctx.status(204);
  }

  public void members(Context ctx) {
    ctx.json(
        memberships.list(Authenticator.caller(ctx)).stream().map(MemberResponse::from).toList());
  }

  public void changeRole(Context ctx) throws IOException {
    UUID userId = Ids.parse(ctx.pathParam("user_id"));
    ChangeRoleRequest body = bodies.read(ctx, ChangeRoleRequest.class);
    Fields.check().required("role", body.role()).orThrow();
    var member =
        memberships.changeRole(Authenticator.caller(ctx), userId, body.role(), clients.origin(ctx));
    ctx.json(MemberResponse.from(member));
  }

  public void removeMember(Context ctx) {
    memberships.remove(
        Authenticator.caller(ctx), Ids.parse(ctx.pathParam("user_id")), clients.origin(ctx));
    ctx.status(204);
  }

  public void leave(Context ctx) {
    memberships.leave(Authenticator.caller(ctx), clients.origin(ctx));
    ctx.status(204);
  }
}
