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

  /** A chain head as checkpointed. Public for Jdbi's constructor mapper. */
  public record Checkpoint(
      UUID organizationId,
      long entries,
      long lastSeq,
      byte[] lastHash,
      String keyId,
      byte[] signature,
      Instant createdAt) {}

  /** A chain head that moved past its latest checkpoint. Public for Jdbi's constructor mapper. */
  public record Head(UUID organizationId, long entries, long lastSeq, byte[] lastHash) {}

  /** Writes a checkpoint for every organization whose chain grew since its latest one. */
  public int writeDue() {
    List<Head> due =
        work.withHandle(
            handle ->
                handle
                    .createQuery(
                        """
                        SELECT o.id AS organization_id, head.seq AS last_seq, head.hash AS last_hash,
                               coalesce(cp.entries, 0)
                                 + (SELECT count(*) FROM audit_log a
                                     WHERE a.organization_id = o.id
                                       AND a.seq > coalesce(cp.last_seq, 0) AND a.seq <= head.seq)
                                 AS entries
                          FROM organizations o
                          CROSS JOIN LATERAL (
                            SELECT seq, hash FROM audit_log
                             WHERE organization_id = o.id ORDER BY seq DESC LIMIT 1) head
                          LEFT JOIN LATERAL (
                            SELECT entries, last_seq FROM audit_checkpoints
                             WHERE organization_id = o.id ORDER BY id DESC LIMIT 1) cp ON true
                         WHERE cp.last_seq IS NULL OR cp.last_seq < head.seq
                        """)
                    .mapTo(Head.class)
                    .list());
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
        handle ->
            handle
                .createUpdate(
                    """
                    INSERT INTO audit_checkpoints (organization_id, entries, last_seq, last_hash,
                                                   key_id, signature, created_at)
                    VALUES (:organization, :entries, :lastSeq, :lastHash, :keyId, :signature, :at)
                    """)
                .bind("organization", head.organizationId())
                .bind("entries", head.entries())
                .bind("lastSeq", head.lastSeq())
                .bind("lastHash", head.lastHash())
                .bind("keyId", key.id())
                .bind("signature", signature)
                .bind("at", now)
                .execute());
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
    return handle
        .createQuery(
            """
            SELECT organization_id, entries, last_seq, last_hash, key_id, signature, created_at
              FROM audit_checkpoints WHERE organization_id = :id ORDER BY id DESC LIMIT 1
            """)
        .bind("id", organizationId)
        .mapTo(Checkpoint.class)
        .findOne();
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
