package io.atrium.api.account;

import io.atrium.api.account.AccountMessages.UpdateMeRequest;
import io.atrium.api.account.AccountMessages.UserResponse;
import io.atrium.api.http.Authenticator;
import io.atrium.api.http.JsonBodies;
import io.atrium.common.account.UserService;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;

/** {@code /api/v1/user}: the caller's own profile. */
public final class UserController {
  private final UserService users;
  private final JsonBodies bodies;

  @Inject
  public UserController(UserService users, JsonBodies bodies) {
    this.users = users;
    this.bodies = bodies;
  }

  public void me(Context ctx) {
    ctx.json(UserResponse.from(users.me(Authenticator.caller(ctx))));
  }

  public void updateMe(Context ctx) throws IOException {
    UpdateMeRequest body = bodies.read(ctx, UpdateMeRequest.class);
    ctx.json(UserResponse.from(users.rename(Authenticator.caller(ctx), body.displayName())));
  }
}
