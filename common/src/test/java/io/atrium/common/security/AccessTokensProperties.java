package io.atrium.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.atrium.common.account.User;
import io.atrium.common.config.JwtConfig;
import io.atrium.common.organization.Role;
import io.atrium.common.security.AccessTokens.AccessClaims;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Token parsing: a valid token round-trips; any other string, or any altered byte, does not verify.
 * QuickTheories shrinks a failing example to the smallest one it finds and prints its seed.
 */
class AccessTokensProperties {
  private static final int EXAMPLES = 1000;

  /**
   * QuickTheories skips a generated value it has already checked (the boundary values come up more
   * than once), so it is given more attempts than the examples it must check.
   */
  private static final int ATTEMPTS = 1100;

  private static final JwtConfig CONFIG =
      new JwtConfig(
          "0123456789abcdef0123456789abcdef-key",
          List.of(),
          Duration.ofMinutes(15),
          Duration.ofDays(30));
  private final AccessTokens tokens = new AccessTokens(CONFIG, Clock.systemUTC());

  @Test
  void aTokenRoundTrips() {
    AtomicInteger checked = new AtomicInteger();
    qt().withExamples(ATTEMPTS)
        .forAll(claims())
        .checkAssert(
            claims -> {
              checked.incrementAndGet();
              assertThat(tokens.verify(tokens.issue(claims))).contains(claims);
            });
    assertThat(checked).as("distinct examples checked").hasValueGreaterThanOrEqualTo(EXAMPLES);
  }

  @Test
  void anyAlteredCharacterIsRejected() {
    AtomicInteger checked = new AtomicInteger();
    qt().withExamples(ATTEMPTS)
        .forAll(claims(), integers().between(0, 10_000), Generate.characters(0, 0xFFFF))
        .checkAssert(
            (claims, position, replacement) -> {
              checked.incrementAndGet();
              String token = tokens.issue(claims);
              int index = position % token.length();
              if (token.charAt(index) == replacement || token.charAt(index) == '.') {
                return;
              }
              String altered = token.substring(0, index) + replacement + token.substring(index + 1);
              // Base64url's last character can carry unused bits: a change there may decode to
              // the same bytes.
              boolean sameBytes = decodesTheSame(token, altered);
              assertThat(tokens.verify(altered).isPresent())
                  .as("%s altered at %d to %s", token, index, altered)
                  .isEqualTo(sameBytes);
            });
    assertThat(checked).as("distinct examples checked").hasValueGreaterThanOrEqualTo(EXAMPLES);
  }

  @Test
  void arbitraryStringsNeverVerifyAndNeverThrow() {
    AtomicInteger checked = new AtomicInteger();
    Gen<String> anything =
        Generate.oneOf(
            strings().allPossible().ofLengthBetween(0, 300),
            strings().ascii().ofLengthBetween(0, 300),
            // three dot-separated base64url-looking parts: the shape of a token
            strings()
                .betweenCodePoints('-', 'z')
                .ofLengthBetween(0, 80)
                .zip(
                    strings().betweenCodePoints('-', 'z').ofLengthBetween(0, 80),
                    (a, b) -> a + "." + b)
                .zip(
                    strings().betweenCodePoints('-', 'z').ofLengthBetween(0, 80),
                    (a, b) -> a + "." + b));
    qt().withExamples(ATTEMPTS)
        .forAll(anything)
        .checkAssert(
            token -> {
              checked.incrementAndGet();
              assertThat(tokens.verify(token)).isEmpty();
            });
    assertThat(checked).as("distinct examples checked").hasValueGreaterThanOrEqualTo(EXAMPLES);
  }

  private static Gen<AccessClaims> claims() {
    Gen<UUID> ids = longs().all().zip(longs().all(), UUID::new);
    Gen<String> roles = Generate.enumValues(Role.class).map(Role::value);
    Gen<String> platformRoles = booleans().all().map(admin -> admin ? User.PLATFORM_ADMIN : null);
    return ids.zip(
        ids,
        booleans()
            .all()
            .zip(ids, roles, (member, id, role) -> member ? new Membership(id, role) : null),
        platformRoles,
        (user, session, membership, platformRole) ->
            new AccessClaims(
                user,
                session,
                membership == null ? null : membership.organizationId(),
                membership == null ? null : membership.role(),
                platformRole));
  }

  private record Membership(UUID organizationId, String role) {}

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
