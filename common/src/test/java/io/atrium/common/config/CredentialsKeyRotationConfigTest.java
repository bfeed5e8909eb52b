package io.atrium.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CREDENTIALS_ENCRYPTION_KEY during a rotation: a list, newest first. */
class CredentialsKeyRotationConfigTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @TempDir Path var;

  private static String key(int fill) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) fill);
    return Base64.getEncoder().encodeToString(key);
  }

  private AppConfig load(String credentialsKey) {
    return AppConfig.load(
        Map.of(
            "DATABASE_URL",
            "postgres://u:p@db:5433/app",
            "JWT_SECRET",
            SECRET,
            "CREDENTIALS_ENCRYPTION_KEY",
            credentialsKey,
            "MAIL_TRANSPORT",
            "file"),
        new DevFiles(var));
  }

  @Test
  void oneKeyIsTheCurrentKeyWithNoPreviousOnes() {
    SecretsConfig secrets = load(key(1)).secrets();
    assertThat(secrets.credentialsEncryptionKey()).containsOnly(1);
    assertThat(secrets.previousKeys()).isEmpty();
    assertThat(secrets.keysNewestFirst()).hasSize(1);
  }

  @Test
  void aListIsNewestFirstAndSpacesAroundCommasAreIgnored() {
    SecretsConfig secrets = load(key(2) + " , " + key(1)).secrets();
    assertThat(secrets.credentialsEncryptionKey()).containsOnly(2);
    assertThat(secrets.previousKeys()).hasSize(1);
    assertThat(secrets.previousKeys().get(0)).containsOnly(1);
    assertThat(secrets.toString()).doesNotContain(key(2)).contains("2 of 32 bytes");
  }

  @Test
  void everyKeyOfTheListMustBeThirtyTwoBytesOfBase64() {
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> load(key(2) + "," + short16))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("CREDENTIALS_ENCRYPTION_KEY:");
    assertThatThrownBy(() -> load(key(2) + ",,"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("CREDENTIALS_ENCRYPTION_KEY:");
    assertThatThrownBy(() -> load(key(2) + ",not base64!"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("CREDENTIALS_ENCRYPTION_KEY:");
  }
}
