package io.atrium.api.http;

import static io.atrium.api.http.Access.OPTIONAL_USER;
import static io.atrium.api.http.Access.PLATFORM_ADMIN;
import static io.atrium.api.http.Access.PUBLIC;
import static io.atrium.api.http.Access.USER;
import static io.atrium.api.http.Access.USER_OR_API_KEY;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import io.atrium.api.account.AuthController;
import io.atrium.api.account.UserController;
import io.atrium.api.admin.AdminController;
import io.atrium.api.apikey.ApiKeyController;
import io.atrium.api.catalog.CatalogController;
import io.atrium.api.model.ModelController;
import io.atrium.api.notification.NotificationController;
import io.atrium.api.organization.AuditController;
import io.atrium.api.organization.InvitationController;
import io.atrium.api.organization.OrganizationController;
import io.atrium.api.provider.ProviderController;
import io.atrium.api.system.DocsController;
import io.atrium.api.system.SystemController;
import io.javalin.config.RoutesConfig;
import jakarta.inject.Inject;

/** The whole API surface on one screen, in the order of openapi.yaml. */
public final class ApiRoutes {
  private final SystemController system;
  private final DocsController docs;
  private final Authenticator authenticator;
  private final AuthController auth;
  private final UserController user;
  private final OrganizationController organizations;
  private final InvitationController invitations;
  private final AuditController audit;
  private final AdminController admin;
  private final NotificationController notifications;
  private final ApiKeyController apiKeys;
  private final ProviderController providers;
  private final CatalogController catalog;
  private final ModelController models;

  @Inject
  public ApiRoutes(
      SystemController system,
      DocsController docs,
      Authenticator authenticator,
      AuthController auth,
      UserController user,
      OrganizationController organizations,
      InvitationController invitations,
      AuditController audit,
      AdminController admin,
      NotificationController notifications,
      ApiKeyController apiKeys,
      ProviderController providers,
      CatalogController catalog,
      ModelController models) {
    this.system = system;
    this.docs = docs;
    this.authenticator = authenticator;
    this.auth = auth;
    this.user = user;
    this.organizations = organizations;
    this.invitations = invitations;
    this.audit = audit;
    this.admin = admin;
    this.notifications = notifications;
    this.apiKeys = apiKeys;
    this.providers = providers;
    this.catalog = catalog;
    this.models = models;
  }

  public void register(RoutesConfig routes) {
    routes.beforeMatched(authenticator::handle);
    routes.afterMatched(authenticator::finish);
    routes.apiBuilder(
        () -> {
          get("/", docs::home);
          get("/health", system::health);
          get("/ready", system::ready);
          get("/metrics", system::metrics);
          get("/openapi.yaml", docs::spec);
          get("/docs", docs::page);
          get("/docs/{name}", docs::ownAsset);
          get("/docs/assets/{name}", docs::asset);

          path(
              "/api/v1",
              () -> {
                path(
                    "/auth",
                    () -> {
                      post("/register", auth::register, PUBLIC);
                      post("/login", auth::login, PUBLIC);
                      post("/refresh", auth::refresh, PUBLIC);
                      post("/logout", auth::logout, USER);
                      get("/sessions", auth::listSessions, USER);
                      delete("/sessions", auth::revokeOtherSessions, USER);
                      delete("/sessions/{id}", auth::revokeSession, USER);
                      post("/change-password", auth::changePassword, USER);
                      post("/send-verification-email", auth::sendVerificationEmail, USER);
                      post("/resend-verification-email", auth::resendVerificationEmail, PUBLIC);
                      post("/verify-email", auth::verifyEmail, PUBLIC);
                      post("/forgot-password", auth::forgotPassword, PUBLIC);
                      post("/reset-password", auth::resetPassword, PUBLIC);
                    });
                path(
                    "/user",
                    () -> {
                      get("/me", user::me, USER_OR_API_KEY);
                      patch("/me", user::updateMe, USER);
                      get("/notifications", notifications::list, USER);
                      post("/notifications/{id}/read", notifications::markRead, USER);
                    });
                path(
                    "/organizations",
                    () -> {
                      get(organizations::list, USER);
                      post(organizations::create, USER);
                      path(
                          "/current",
                          () -> {
                            get(organizations::current, USER_OR_API_KEY);
                            put(organizations::switchWorkspace, USER);
                            patch(organizations::update, USER);
                            delete(organizations::delete, USER);
                            get("/members", organizations::members, USER);
                            put("/members/{user_id}", organizations::changeRole, USER);
                            delete("/members/{user_id}", organizations::removeMember, USER);
                            post("/leave", organizations::leave, USER);
                            get("/invitations", invitations::list, USER);
                            post("/invitations", invitations::create, USER);
                            delete("/invitations/{id}", invitations::revoke, USER);
                            post("/invitations/{id}/resend", invitations::resend, USER);
                            get("/audit-logs", audit::list, USER);
                            get("/audit-logs/verify", audit::verify, USER);
                            post("/notifications/send", notifications::sendAsOrganization, USER);
                          });
                    });
                path(
                    "/admin",
                    () -> {
                      get("/overview", admin::overview, PLATFORM_ADMIN);
                      get("/organizations", admin::organizations, PLATFORM_ADMIN);
                      post("/organizations", admin::createOrganization, PLATFORM_ADMIN);
                      get("/organizations/{id}", admin::organization, PLATFORM_ADMIN);
                      patch("/organizations/{id}", admin::updateOrganization, PLATFORM_ADMIN);
                      delete("/organizations/{id}", admin::deleteOrganization, PLATFORM_ADMIN);
                      get("/users", admin::users, PLATFORM_ADMIN);
                      patch("/users/{id}", admin::updateUser, PLATFORM_ADMIN);
                      get("/system/metrics", admin::systemMetrics, PLATFORM_ADMIN);
                      get("/audit-logs", admin::auditLogs, PLATFORM_ADMIN);
                      post("/notifications/send", notifications::sendAsAdmin, PLATFORM_ADMIN);
                      post("/catalog/sync", catalog::sync, PLATFORM_ADMIN);
                    });
                get("/catalog/instance-types", catalog::instanceTypes, USER_OR_API_KEY);
                path(
                    "/models",
                    () -> {
                      get(models::list, USER_OR_API_KEY);
                      post(models::create, USER_OR_API_KEY);
                      patch("/{id}", models::update, USER_OR_API_KEY);
                      delete("/{id}", models::delete, USER_OR_API_KEY);
                      post("/{id}/activate-tech", models::activateTechnical, USER_OR_API_KEY);
                      delete("/{id}/activate-tech", models::withdrawTechnical, USER_OR_API_KEY);
                      post("/{id}/activate-eco", models::activateEconomic, USER_OR_API_KEY);
                      delete("/{id}/activate-eco", models::withdrawEconomic, USER_OR_API_KEY);
                    });
                path(
                    "/invitations/{token}",
                    () -> {
                      get(invitations::preview, PUBLIC);
                      post("/accept", invitations::accept, OPTIONAL_USER);
                    });
                path(
                    "/api-keys",
                    () -> {
                      get(apiKeys::list, USER);
                      post(apiKeys::create, USER);
                      patch("/{id}", apiKeys::rename, USER);
                      delete("/{id}", apiKeys::revoke, USER);
                    });
                path(
                    "/providers",
                    () -> {
                      get(providers::list, USER_OR_API_KEY);
                      get("/config-status", providers::list, USER_OR_API_KEY);
                      put("/scaleway/credentials", providers::saveScaleway, USER);
                      delete("/scaleway/credentials", providers::deleteScaleway, USER);
                    });
              });
        });
  }
}
