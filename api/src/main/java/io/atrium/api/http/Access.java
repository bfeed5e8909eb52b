package io.atrium.api.http;

import io.javalin.security.RouteRole;

/**
 * How a route's caller may authenticate, declared in the route table and enforced by {@link
 * Authenticator}: with nothing, a session, or a session or an API key. What the caller may then do
 * (roles, permissions, platform administration) is decided by the {@code Authorizer} only.
 */
public enum Access implements RouteRole {
  /** Anyone; a bearer token, if sent, is ignored. */
  PUBLIC,
  /** Anyone; a bearer token, if sent, must be valid and makes the caller known. */
  OPTIONAL_USER,
  /** A signed-in user (access token). API keys answer 403 api_key_not_allowed. */
  USER,
  /** A signed-in user or an API key. */
  USER_OR_API_KEY,
  /** A session, which the authorizer must find to be the platform admin's. */
  PLATFORM_ADMIN
}
