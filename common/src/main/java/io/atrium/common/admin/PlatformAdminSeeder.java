package io.atrium.common.admin;

import io.atrium.common.account.AccountRules;
import io.atrium.common.account.UserDao;
import io.atrium.common.config.PlatformAdminConfig;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.security.PasswordHasher;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the PLATFORM_ADMIN_EMAIL account the platform admin at web start. With
 * PLATFORM_ADMIN_PASSWORD it creates the account if missing. One statement, so several web
 * processes starting at once agree, and an existing password is never touched.
 */
public final class PlatformAdminSeeder {
  private static final Logger log = LoggerFactory.getLogger(PlatformAdminSeeder.class);

  private final PlatformAdminConfig config;
  private final UnitOfWork work;
  private final PasswordHasher hasher;
  private final Clock clock;

  @Inject
  public PlatformAdminSeeder(
      PlatformAdminConfig config, UnitOfWork work, PasswordHasher hasher, Clock clock) {
    this.config = config;
    this.work = work;
    this.hasher = hasher;
    this.clock = clock;
  }

  public void seed() {
    Optional<String> email = config.email().map(AccountRules::normalizeEmail);
    if (email.isEmpty()) {
      return;
    }
    if (!AccountRules.validEmail(email.get())) {
      throw new IllegalStateException("PLATFORM_ADMIN_EMAIL is not a valid email address");
    }
    Instant now = clock.instant();
    if (config.password().isPresent()) {
      if (!AccountRules.passwordProblems("password", config.password().get(), email.get(), null)
          .isEmpty()) {
        throw new IllegalStateException(
            "PLATFORM_ADMIN_PASSWORD must be 12 to 128 characters, not the email, and hard to"
                + " guess (zxcvbn score 3 or more)");
      }
      String hash = hasher.hash(config.password().get());
      boolean created =
          work.withHandle(
              handle ->
                  handle
                      .attach(UserDao.class)
                      .seedPlatformAdmin(UUID.randomUUID(), email.get(), hash, now));
      log.info(
          "platform admin {}: {}", email.get(), created ? "account created" : "existing account");
      return;
    }
    int updated =
        work.withHandle(handle -> handle.attach(UserDao.class).makePlatformAdmin(email.get(), now));
    if (updated == 0) {
      log.warn(
          "PLATFORM_ADMIN_EMAIL {} has no account yet: register it, or set PLATFORM_ADMIN_PASSWORD",
          email.get());
    }
  }
}
