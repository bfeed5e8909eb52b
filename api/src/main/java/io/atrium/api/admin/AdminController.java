package io.atrium.api.admin;

import io.atrium.api.http.Authenticator;
import io.atrium.api.http.ClientAddress;
import io.atrium.api.http.Fields;
import io.atrium.api.http.JsonBodies;
import io.atrium.api.http.Pages;
import io.atrium.api.organization.AuditEntryResponse;
import io.atrium.common.admin.AdminQueries;
import io.atrium.common.admin.AdminQueries.OrganizationFilter;
import io.atrium.common.admin.AdminQueries.UserFilter;
import io.atrium.common.admin.AdminService;
import io.atrium.common.audit.AuditQueries;
import io.atrium.common.error.BadRequestException;
import io.atrium.common.error.NotFoundException;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.UUID;

/** {@code /api/v1/admin}: the platform admin's console. Access is checked by the route table. */
public final class AdminController {
  private final AdminQueries queries;
  private final AdminService admin;
  private final AuditQueries audit;
  private final SystemMetrics metrics;
  private final JsonBodies bodies;
  private final ClientAddress clients;

  @Inject
  public AdminController(
      AdminQueries queries,
      AdminService admin,
      AuditQueries audit,
      SystemMetrics metrics,
      JsonBodies bodies,
      ClientAddress clients) {
    this.queries = queries;
    this.admin = admin;
    this.audit = audit;
    this.metrics = metrics;
    this.bodies = bodies;
    this.clients = clients;
  }

  record CreateOrganizationRequest(
      String name, String slug, String ownerEmail, String subscriptionPlan) {}

  record UpdateOrganizationRequest(
      String name, String subscriptionPlan, String status, BigDecimal walletBalanceEur) {}

  record UpdateUserRequest(String status) {}

  public void overview(Context ctx) {
    ctx.json(queries.overview());
  }

  public void organizations(Context ctx) {
    var filter =
        new OrganizationFilter(
            ctx.queryParam("plan"),
            ctx.queryParam("status"),
            ctx.queryParam("q"),
            ctx.queryParam("sort"));
    ctx.json(Pages.Body.of(queries.organizations(filter, Pages.of(ctx))));
  }

  public void organization(Context ctx) {
    ctx.json(
        queries
            .organization(id(ctx, "id"))
            .orElseThrow(() -> new NotFoundException("No such organization.")));
  }

  public void createOrganization(Context ctx) throws IOException {
    CreateOrganizationRequest body = bodies.read(ctx, CreateOrganizationRequest.class);
    Fields.check()
        .required("name", body.name())
        .required("owner_email", body.ownerEmail())
        .orThrow();
    var created =
        admin.createOrganization(
            Authenticator.caller(ctx),
            body.name(),
            body.slug(),
            body.ownerEmail(),
            body.subscriptionPlan(),
            clients.origin(ctx));
    ctx.status(201).json(created);
  }

  public void updateOrganization(Context ctx) throws IOException {
    UUID id = id(ctx, "id");
    UpdateOrganizationRequest body = bodies.read(ctx, UpdateOrganizationRequest.class);
    var changes =
        new AdminService.OrganizationChanges(
            body.name(), body.subscriptionPlan(), body.status(), body.walletBalanceEur());
    ctx.json(admin.updateOrganization(Authenticator.caller(ctx), id, changes, clients.origin(ctx)));
  }

  public void deleteOrganization(Context ctx) {
    admin.deleteOrganization(Authenticator.caller(ctx), id(ctx, "id"), clients.origin(ctx));
    ctx.status(204);
  }

  public void users(Context ctx) {
    String organization = ctx.queryParam("organization_id");
    UUID organizationId = organization == null ? null : queryId(organization, "organization_id");
    var filter =
        new UserFilter(
            organizationId, ctx.queryParam("role"), ctx.queryParam("status"), ctx.queryParam("q"));
    ctx.json(Pages.Body.of(queries.users(filter, Pages.of(ctx))));
  }

  public void updateUser(Context ctx) throws IOException {
    UUID id = id(ctx, "id");
    UpdateUserRequest body = bodies.read(ctx, UpdateUserRequest.class);
    Fields.check().required("status", body.status()).orThrow();
    ctx.json(
        admin.setUserStatus(Authenticator.caller(ctx), id, body.status(), clients.origin(ctx)));
  }

  public void systemMetrics(Context ctx) {
    ctx.json(metrics.snapshot());
  }

  public void auditLogs(Context ctx) {
    String organization = ctx.queryParam("organization_id");
    UUID organizationId = organization == null ? null : queryId(organization, "organization_id");
    ctx.json(
        Pages.Body.of(audit.list(organizationId, Pages.of(ctx)).map(AuditEntryResponse::from)));
  }

  private static UUID id(Context ctx, String name) {
    try {
      return UUID.fromString(ctx.pathParam(name));
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("No such resource.");
    }
  }

  private static UUID queryId(String raw, String name) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(name + " must be a UUID.");
    }
  }
}
