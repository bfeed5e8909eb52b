package io.atrium.common.audit;

import io.atrium.common.db.UnitOfWork;
import io.atrium.common.security.ServerKeys;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints of each organization's audit chain: how many entries it had up to which one, and that
 * entry's hash, signed with a key derived from the server's secrets ({@value #KEY}). The database
 * keeps them in an insert-only table and each one is also written to the log, a copy outside the
 * database. Verification compares the chain with the latest checkpoint, so entries deleted from the
 * end, or all of them, show; only entries newer than the latest checkpoint are not covered, so the
 * worker writes one every minute for every chain that grew ({@code audit.checkpoint}).
 */
public final class AuditCheckpoints {
  static final String KEY = "audit-checkpoint";
  private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

  private final UnitOfWork work;
  private final ServerKeys keys;
  private final Clock clock;

  @Inject
  public AuditCheckpoints(UnitOfWork work, ServerKeys keys, Clock clock) {
    this.work = work;
    this.keys = keys;
    this.clock = clock;
  }

  /** A chain head as checkpointed. Public for the record mapper. */
  public record Checkpoint(
      UUID organizationId,
      long entries,
      long lastSeq,
      byte[] lastHash,
      String keyId,
      byte[] signature,
      Instant createdAt) {}

  /** A chain head that moved past its latest checkpoint. Public for the record mapper. */
  public record Head(UUID organizationId, long entries, long lastSeq, byte[] lastHash) {}

  /** Writes a checkpoint for every organization whose chain grew since its latest one. */
  public int writeDue() {
    List<Head> due = work.withHandle(h -> h.attach(AuditCheckpointDao.class).due());
    for (Head head : due) {
      write(head);
    }
    return due.size();
  }

  private void write(Head head) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    ServerKeys.Key key = keys.current(KEY);
    byte[] signature =
        key.sign(
            payload(head.organizationId(), head.entries(), head.lastSeq(), head.lastHash(), now));
    work.useHandle(
        h ->
            h.attach(AuditCheckpointDao.class)
                .insert(
                    head.organizationId(),
                    head.entries(),
                    head.lastSeq(),
                    head.lastHash(),
                    key.id(),
                    signature,
                    now));
    HexFormat hex = HexFormat.of();
    log.info(
        "audit checkpoint organization={} entries={} last_seq={} last_hash={} key={} signature={}",
        head.organizationId(),
        head.entries(),
        head.lastSeq(),
        hex.formatHex(head.lastHash()),
        key.id(),
        hex.formatHex(signature));
  }

  /** The latest checkpoint of an organization's chain, if it has one. */
  Optional<Checkpoint> latest(Handle handle, UUID organizationId) {
    return handle.attach(AuditCheckpointDao.class).latest(organizationId);
  }

  /** Whether a key of the server's (current or previous) signed this checkpoint as it reads. */
  boolean authentic(Checkpoint checkpoint) {
    byte[] payload =
        payload(
            checkpoint.organizationId(),
            checkpoint.entries(),
            checkpoint.lastSeq(),
            checkpoint.lastHash(),
            checkpoint.createdAt());
    return keys.all(KEY).stream()
        .filter(key -> key.id().equals(checkpoint.keyId()))
        .anyMatch(key -> MessageDigest.isEqual(key.sign(payload), checkpoint.signature()));
  }

  private static byte[] payload(
      UUID organizationId, long entries, long lastSeq, byte[] lastHash, Instant at) {
    return String.join(
            "|",
            "atrium-audit-checkpoint-v1",
            organizationId.toString(),
            Long.toString(entries),
            Long.toString(lastSeq),
            HexFormat.of().formatHex(lastHash),
            Long.toString(at.getEpochSecond()),
            Integer.toString(at.getNano()))
        .getBytes(StandardCharsets.UTF_8);
  }
}
