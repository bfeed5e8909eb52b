package io.atrium.api.account;

import io.atrium.api.account.AccountMessages.AuthResponse;
import io.atrium.api.account.AccountMessages.ChangePasswordRequest;
import io.atrium.api.account.AccountMessages.EmailRequest;
import io.atrium.api.account.AccountMessages.LoginRequest;
import io.atrium.api.account.AccountMessages.RefreshRequest;
import io.atrium.api.account.AccountMessages.RegisterRequest;
import io.atrium.api.account.AccountMessages.ResetPasswordRequest;
import io.atrium.api.account.AccountMessages.SessionResponse;
import io.atrium.api.account.AccountMessages.TokenRequest;
import io.atrium.api.account.AccountMessages.UserEnvelope;
import io.atrium.api.account.AccountMessages.UserResponse;
import io.atrium.api.http.Authenticator;
import io.atrium.api.http.ClientAddress;
import io.atrium.api.http.Fields;
import io.atrium.api.http.JsonBodies;
import io.atrium.common.account.AccountService;
import io.atrium.common.account.Caller;
import io.atrium.common.account.CredentialService;
import io.atrium.common.account.SessionService;
import io.atrium.common.error.NotFoundException;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.UUID;

/** {@code /api/v1/auth}: sign-up, login, tokens, sessions, passwords and verification. */
public final class AuthController {
  private final AccountService accounts;
  private final CredentialService credentials;
  private final SessionService sessions;
  private final JsonBodies bodies;
  private final ClientAddress clients;

  @Inject
  public AuthController(
      AccountService accounts,
      CredentialService credentials,
      SessionService sessions,
      JsonBodies bodies,
      ClientAddress clients) {
    this.accounts = accounts;
    this.credentials = credentials;
    this.sessions = sessions;
    this.bodies = bodies;
    this.clients = clients;
  }

  public void register(Context ctx) throws IOException {
    RegisterRequest body = bodies.read(ctx, RegisterRequest.class);
    Fields.check().required("email", body.email()).required("password", body.password()).orThrow();
    var result =
        accounts.register(body.email(), body.password(), body.displayName(), clients.origin(ctx));
    ctx.status(201).json(AuthResponse.from(result));
  }

  public void login(Context ctx) throws IOException {
    LoginRequest body = bodies.read(ctx, LoginRequest.class);
    Fields.check().required("email", body.email()).required("password", body.password()).orThrow();
    ctx.json(AuthResponse.from(accounts.login(body.email(), body.password(), clients.origin(ctx))));
  }

  public void refresh(Context ctx) throws IOException {
    RefreshRequest body = bodies.read(ctx, RefreshRequest.class);
    Fields.check().required("refresh_token", body.refreshToken()).orThrow();
    ctx.json(AuthResponse.from(accounts.refresh(body.refreshToken(), clients.origin(ctx))));
  }

  public void logout(Context ctx) {
    accounts.logout(Authenticator.caller(ctx), clients.origin(ctx));
    ctx.status(204);
  }

  public void listSessions(Context ctx) {
    Caller caller = Authenticator.caller(ctx);
    ctx.json(
        sessions.list(caller).stream()
            .map(s -> SessionResponse.from(s, caller.sessionId()))
            .toList());
  }

  public void revokeSession(Context ctx) {
    UUID id = parseId(ctx.pathParam("id"));
    sessions.revoke(Authenticator.caller(ctx), id, clients.origin(ctx));
    ctx.status(204);
  }

  public void revokeOtherSessions(Context ctx) {
    sessions.revokeOthers(Authenticator.caller(ctx), clients.origin(ctx));
    ctx.status(204);
  }

  public void changePassword(Context ctx) throws IOException {
    ChangePasswordRequest body = bodies.read(ctx, ChangePasswordRequest.class);
    Fields.check()
        .required("current_password", body.currentPassword())
        .required("new_password", body.newPassword())
        .orThrow();
    credentials.changePassword(
        Authenticator.caller(ctx), body.currentPassword(), body.newPassword(), clients.origin(ctx));
    ctx.status(204);
  }

  public void sendVerificationEmail(Context ctx) {
    credentials.sendVerification(Authenticator.caller(ctx), clients.origin(ctx));
    ctx.status(202);
  }

  public void resendVerificationEmail(Context ctx) throws IOException {
    EmailRequest body = bodies.read(ctx, EmailRequest.class);
    credentials.resendVerification(body.email(), clients.origin(ctx));
    ctx.status(202);
  }

  public void verifyEmail(Context ctx) throws IOException {
    TokenRequest body = bodies.read(ctx, TokenRequest.class);
    Fields.check().required("token", body.token()).orThrow();
    ctx.json(
        new UserEnvelope(
            UserResponse.from(credentials.verifyEmail(body.token(), clients.origin(ctx)))));
  }

  public void forgotPassword(Context ctx) throws IOException {
    EmailRequest body = bodies.read(ctx, EmailRequest.class);
    credentials.forgotPassword(body.email(), clients.origin(ctx));
    ctx.status(202);
  }

  public void resetPassword(Context ctx) throws IOException {
    ResetPasswordRequest body = bodies.read(ctx, ResetPasswordRequest.class);
    Fields.check()
        .required("token", body.token())
        .required("new_password", body.newPassword())
        .orThrow();
    credentials.resetPassword(body.token(), body.newPassword(), clients.origin(ctx));
    ctx.status(204);
  }

  /** An id that is not a UUID names nothing: 404, like any other unknown id. */
  static UUID parseId(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("No such resource.");
    }
  }
}
