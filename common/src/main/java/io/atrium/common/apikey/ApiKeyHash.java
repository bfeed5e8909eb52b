package io.atrium.common.apikey;

import java.util.Arrays;

/**
 * What the database keeps of an API key: HMAC-SHA256 of the key under a pepper, and the version of
 * the pepper (that of the CREDENTIALS_ENCRYPTION_KEY it was derived from).
 */
public record ApiKeyHash(String pepperVersion, byte[] hash) {
  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKeyHash that
        && pepperVersion.equals(that.pepperVersion)
        && Arrays.equals(hash, that.hash);
  }

  @Override
  public int hashCode() {
    return 31 * pepperVersion.hashCode() + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "ApiKeyHash[pepperVersion=" + pepperVersion + "]";
  }
}
