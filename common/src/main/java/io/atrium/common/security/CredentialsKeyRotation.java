package io.atrium.common.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.mail.MailJobArgs;
import io.atrium.common.mail.MailOutbox;
import io.atrium.common.mail.MailSealer;
import io.atrium.common.provider.CredentialCipher;
import io.atrium.common.provider.EncryptedSecret;
import io.atrium.common.provider.ProviderCredential;
import io.atrium.common.provider.ProviderCredentialDao;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/rotate-credentials-key}: re-encrypts every secret stored under an older key of
 * CREDENTIALS_ENCRYPTION_KEY under the newest one — the provider credentials, and the sealed
 * variables of mail jobs still to be sent. API keys are HMACs, not encrypted: they are counted and
 * reported, never rewritten.
 *
 * <p>Without downtime: rows are read in small batches in key order, each batch rewritten in its own
 * short transaction, and a row is replaced only if it still holds what was read (a concurrent
 * writer's newer value stands). Resumable: a row already under the newest key is not selected (the
 * credentials: by its stored version) or not rewritten (mail jobs: it opens under the newest key),
 * so a run cut short is simply run again.
 */
public final class CredentialsKeyRotation {
  private static final Logger log = LoggerFactory.getLogger(CredentialsKeyRotation.class);

  private final UnitOfWork work;
  private final CredentialCipher cipher;
  private final MailSealer sealer;
  private final ObjectMapper mapper;

  @Inject
  public CredentialsKeyRotation(
      UnitOfWork work, CredentialCipher cipher, MailSealer sealer, ObjectMapper mapper) {
    this.work = work;
    this.cipher = cipher;
    this.sealer = sealer;
    this.mapper = mapper;
  }

  /**
   * What a run did. {@code remaining}: credentials still under another key afterwards (unreadable
   * ones, or rewritten meanwhile by a process that does not list the newest key first).
   */
  public record Report(
      int credentialsReencrypted,
      int credentialsUnreadable,
      long credentialsRemaining,
      int mailJobsResealed,
      int mailJobsUnreadable,
      long apiKeysUnderOlderPeppers) {
    public boolean complete() {
      return credentialsRemaining == 0 && credentialsUnreadable == 0 && mailJobsUnreadable == 0;
    }
  }

  public Report run(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    String current = cipher.currentKeyVersion();
    int[] credentials = rotateCredentials(current, batchSize);
    int[] jobs = resealMailJobs(batchSize);
    long remaining =
        work.withHandle(
            handle -> handle.attach(ProviderCredentialDao.class).countUnderOtherKeys(current));
    long apiKeys =
        work.withHandle(
            handle -> handle.attach(KeyRotationDao.class).liveApiKeysUnderOtherPeppers(current));
    Report report =
        new Report(credentials[0], credentials[1], remaining, jobs[0], jobs[1], apiKeys);
    log.info(
        "credentials key rotation to key version {}: {} credentials re-encrypted, {} unreadable,"
            + " {} still under another key; {} mail jobs resealed, {} unreadable; {} live API keys"
            + " hashed under an older key's pepper (keep that key listed until they expire)",
        current,
        report.credentialsReencrypted(),
        report.credentialsUnreadable(),
        report.credentialsRemaining(),
        report.mailJobsResealed(),
        report.mailJobsUnreadable(),
        report.apiKeysUnderOlderPeppers());
    return report;
  }

  /** {reencrypted, unreadable}. */
  private int[] rotateCredentials(String current, int batchSize) {
    int reencrypted = 0;
    int unreadable = 0;
    UUID afterOrganization = new UUID(0, 0);
    String afterProvider = "";
    while (true) {
      UUID fromOrganization = afterOrganization;
      String fromProvider = afterProvider;
      List<ProviderCredential> batch =
          work.withHandle(
              handle ->
                  handle
                      .attach(ProviderCredentialDao.class)
                      .underOtherKeys(current, fromOrganization, fromProvider, batchSize));
      if (batch.isEmpty()) {
        return new int[] {reencrypted, unreadable};
      }
      List<Rewrite> rewrites = new java.util.ArrayList<>();
      for (ProviderCredential row : batch) {
        try {
          rewrites.add(
              new Rewrite(row, cipher.reencrypt(row.organizationId(), row.encryptedSecret())));
        } catch (UnreadableSecretException e) {
          unreadable++;
          log.warn(
              "the {} credentials of organization {} do not open under any configured key: {}",
              row.provider(),
              row.organizationId(),
              e.getMessage());
        }
      }
      reencrypted +=
          work.inTransaction(
              handle -> {
                ProviderCredentialDao dao = handle.attach(ProviderCredentialDao.class);
                int done = 0;
                for (Rewrite rewrite : rewrites) {
                  ProviderCredential row = rewrite.row();
                  if (dao.replaceSecret(
                      row.organizationId(),
                      row.provider(),
                      row.keyVersion(),
                      row.secretCiphertext(),
                      rewrite.secret().keyVersion(),
                      rewrite.secret().ciphertext())) {
                    done++;
                  }
                }
                return done;
              });
      ProviderCredential last = batch.get(batch.size() - 1);
      afterOrganization = last.organizationId();
      afterProvider = last.provider();
    }
  }

  private record Rewrite(ProviderCredential row, EncryptedSecret secret) {}

  /** {resealed, unreadable}. */
  private int[] resealMailJobs(int batchSize) {
    int resealed = 0;
    int unreadable = 0;
    long afterId = 0;
    while (true) {
      long from = afterId;
      List<KeyRotationDao.SealedJob> batch =
          work.withHandle(
              handle ->
                  handle
                      .attach(KeyRotationDao.class)
                      .pendingJobs(MailOutbox.JOB_KIND, from, batchSize));
      if (batch.isEmpty()) {
        return new int[] {resealed, unreadable};
      }
      List<String[]> rewrites = new java.util.ArrayList<>();
      List<Long> ids = new java.util.ArrayList<>();
      for (KeyRotationDao.SealedJob job : batch) {
        try {
          MailJobArgs args = mapper.readValue(job.args(), MailJobArgs.class);
          Optional<MailJobArgs> resealedArgs = sealer.reseal(args);
          if (resealedArgs.isPresent()) {
            ids.add(job.id());
            rewrites.add(new String[] {args.variables(), resealedArgs.get().variables()});
          }
        } catch (JsonProcessingException | IllegalArgumentException e) {
          unreadable++;
          log.warn("mail job {}: its sealed variables do not open: {}", job.id(), e.getMessage());
        }
      }
      resealed +=
          work.inTransaction(
              handle -> {
                KeyRotationDao dao = handle.attach(KeyRotationDao.class);
                int done = 0;
                for (int i = 0; i < ids.size(); i++) {
                  if (dao.replaceVariables(ids.get(i), rewrites.get(i)[0], rewrites.get(i)[1])) {
                    done++;
                  }
                }
                return done;
              });
      afterId = batch.get(batch.size() - 1).id();
    }
  }
}
