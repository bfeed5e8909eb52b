package io.atrium.common.config;

import java.time.Duration;
import java.util.List;

/** Keys and lifetimes of tokens. The first key signs; all of them verify. */
public record JwtConfig(
    String secret,
    List<String> previousSecrets,
    Duration accessTokenTtl,
    Duration refreshTokenTtl) {

  public static final int MIN_SECRET_BYTES = 32;

  @Override
  public String toString() {
    return "JwtConfig[accessTokenTtl="
        + accessTokenTtl
        + ", refreshTokenTtl="
        + refreshTokenTtl
        + ", previousSecrets="
        + previousSecrets.size()
        + "]";
  }
}
