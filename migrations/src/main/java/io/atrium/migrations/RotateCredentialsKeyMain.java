package io.atrium.migrations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.config.AppConfig;
import io.atrium.common.config.ConfigException;
import io.atrium.common.db.Database;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.json.Json;
import io.atrium.common.mail.MailSealer;
import io.atrium.common.provider.CredentialCipher;
import io.atrium.common.security.CredentialsKeyRotation;
import io.atrium.common.security.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Procfile's {@code rotate-credentials-key:} one-off process ({@code
 * scripts/rotate-credentials-key}): re-encrypts every stored secret under the newest key of
 * CREDENTIALS_ENCRYPTION_KEY, while web and worker keep running, then exits. Run it after every
 * process runs with {@code CREDENTIALS_ENCRYPTION_KEY=<new>,<old>}; once it exits 0, the old key
 * can be dropped from the list. Exit 0: everything is under the newest key; 3: some secrets could
 * not be opened or are still under another key (see the log; run it again); 2: configuration; 1:
 * failure.
 */
public final class RotateCredentialsKeyMain {
  private static final Logger log = LoggerFactory.getLogger(RotateCredentialsKeyMain.class);
  private static final int DEFAULT_BATCH_SIZE = 100;

  private RotateCredentialsKeyMain() {}

  public static void main(String[] args) {
    AppConfig config;
    int batchSize;
    try {
      config = AppConfig.fromEnvironment();
      batchSize = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_BATCH_SIZE;
      if (batchSize < 1 || batchSize > 10_000) {
        throw new NumberFormatException("out of range");
      }
    } catch (ConfigException e) {
      System.err.println("atrium rotate-credentials-key: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    } catch (NumberFormatException e) {
      System.err.println("usage: rotate-credentials-key [batch size, 1 to 10000; default 100]");
      System.exit(2);
      return;
    }
    if (config.secrets().previousKeys().isEmpty()) {
      log.info(
          "CREDENTIALS_ENCRYPTION_KEY lists one key: secrets under any other key cannot be opened;"
              + " list the new key first and the old one after it, then run this again");
    }
    try (Database database = Database.open(config.database(), "rotate", null)) {
      new Migrations(database.dataSource()).requireCurrent();
      ObjectMapper mapper = Json.newMapper();
      SecretBox box = new SecretBox(config.secrets());
      CredentialsKeyRotation rotation =
          new CredentialsKeyRotation(
              new UnitOfWork(database.jdbi()),
              new CredentialCipher(box),
              new MailSealer(box, mapper),
              mapper);
      CredentialsKeyRotation.Report report = rotation.run(batchSize);
      if (!report.complete()) {
        System.exit(3);
      }
    } catch (RuntimeException e) {
      log.error("credentials key rotation failed", e);
      System.exit(1);
    }
  }
}
