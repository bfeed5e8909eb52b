package io.atrium.common.apikey;

import jakarta.inject.Singleton;
import java.security.SecureRandom;

/** New API keys from SecureRandom; a key's plaintext is shown once and never stored. */
@Singleton
public final class ApiKeyGenerator {
  private final SecureRandom random = new SecureRandom();

  public ApiKeySecret generate() {
    return ApiKeyFormat.generate(random);
  }
}
