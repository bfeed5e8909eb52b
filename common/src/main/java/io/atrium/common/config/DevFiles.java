package io.atrium.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * What development mode keeps under {@code var/}: generated secrets, kept between runs, and the URL
 * of the embedded database that scripts/run starts.
 */
public final class DevFiles {
  public static final String JWT_SECRET_FILE = "jwt-secret";
  public static final String CREDENTIALS_KEY_FILE = "credentials-encryption-key";
  public static final String DATABASE_URL_FILE = "dev-database-url";

  private final Path directory;

  public DevFiles(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  /** Base64 of {@code bytes} random bytes, created once and then read back. */
  public String secret(String fileName, int bytes) {
    Path file = directory.resolve(fileName);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(directory);
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        Path temp = Files.createTempFile(directory, fileName, ".tmp");
        Files.writeString(temp, Base64.getEncoder().encodeToString(random));
        try {
          // Two processes starting at once: the first one to link wins, the other reads it.
          Files.createLink(file, temp);
        } catch (FileAlreadyExistsException ignored) {
          // another process created it first
        } catch (UnsupportedOperationException e) {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(temp);
        }
      }
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a development secret in " + file, e);
    }
  }

  public Optional<String> databaseUrl() {
    Path file = directory.resolve(DATABASE_URL_FILE);
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void writeDatabaseUrl(String url) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(DATABASE_URL_FILE), url);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void clearDatabaseUrl() {
    try {
      Files.deleteIfExists(directory.resolve(DATABASE_URL_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
