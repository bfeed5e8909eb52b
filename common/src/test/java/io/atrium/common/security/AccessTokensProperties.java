package io.atrium.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.common.config.JwtConfig;
import io.atrium.common.security.AccessTokens.AccessClaims;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Token parsing: a valid token round-trips; any other string, or any altered byte, does not verify.
 */
class AccessTokensProperties {
  private static final JwtConfig CONFIG =
      new JwtConfig(
          "0123456789abcdef0123456789abcdef-key",
          List.of(),
          Duration.ofMinutes(15),
          Duration.ofDays(30));
  private final AccessTokens tokens = new AccessTokens(CONFIG, Clock.systemUTC());

  @Property
  void aTokenRoundTrips(@ForAll("claims") AccessClaims claims) {
    assertThat(tokens.verify(tokens.issue(claims))).contains(claims);
  }

  @Property
  void anyAlteredCharacterIsRejected(
      @ForAll("claims") AccessClaims claims,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll char replacement) {
    String token = tokens.issue(claims);
    int index = position % token.length();
    if (token.charAt(index) == replacement || token.charAt(index) == '.') {
      return;
    }
    String altered = token.substring(0, index) + replacement + token.substring(index + 1);
    // Base64url's last character can carry unused bits: a change there may decode to the same
    // bytes.
    boolean sameBytes = decodesTheSame(token, altered);
    assertThat(tokens.verify(altered).isPresent()).isEqualTo(sameBytes);
  }

  @Property
  void arbitraryStringsNeverVerifyAndNeverThrow(@ForAll String anything) {
    assertThat(tokens.verify(anything)).isEmpty();
  }

  @Provide
  Arbitrary<AccessClaims> claims() {
    return Arbitraries.of(true, false)
        .map(
            inOrganization ->
                new AccessClaims(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    inOrganization ? UUID.randomUUID() : null,
                    inOrganization ? "admin" : null,
                    null));
  }

  private static boolean decodesTheSame(String a, String b) {
    String[] left = a.split("\\.", -1);
    String[] right = b.split("\\.", -1);
    if (left.length != right.length) {
      return false;
    }
    try {
      for (int i = 0; i < left.length; i++) {
        if (!java.util.Arrays.equals(
            Base64.getUrlDecoder().decode(left[i]), Base64.getUrlDecoder().decode(right[i]))) {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
