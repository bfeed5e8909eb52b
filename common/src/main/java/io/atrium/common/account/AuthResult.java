package io.atrium.common.account;

import java.util.UUID;

/** A session just opened or refreshed: the tokens the client keeps. */
public record AuthResult(
    User user, UUID sessionId, String accessToken, String refreshToken, long expiresIn) {
  @Override
  public String toString() {
    return "AuthResult[user="
        + user
        + ", sessionId="
        + sessionId
        + ", accessToken=<redacted>, refreshToken=<redacted>, expiresIn="
        + expiresIn
        + "]";
  }
}
