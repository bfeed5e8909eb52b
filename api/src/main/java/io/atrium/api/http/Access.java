package io.atrium.api.http;

import io.javalin.security.RouteRole;

/** Who may call a route, declared in the route table and enforced by {@link Authenticator}. */
public enum Access implements RouteRole {
  /** Anyone; a bearer token, if sent, is ignored. */
  PUBLIC,
  /** Anyone; a bearer token, if sent, must be valid and makes the caller known. */
  OPTIONAL_USER,
  /** A signed-in user (access token). API keys answer 403 api_key_not_allowed. */
  USER,
  /** A signed-in user or an API key. */
  USER_OR_API_KEY,
  /** The platform admin, with an access token. */
  PLATFORM_ADMIN
}
