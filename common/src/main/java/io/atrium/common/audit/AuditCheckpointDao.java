package io.atrium.common.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The signed checkpoints of the organizations' audit chains (insert-only, V11). */
public interface AuditCheckpointDao {

  /** Chain heads that moved past their latest checkpoint, with the entries up to them. */
  @SqlQuery(
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
  List<AuditCheckpoints.Head> due();

  @SqlUpdate(
      """
      INSERT INTO audit_checkpoints (organization_id, entries, last_seq, last_hash,
                                     key_id, signature, created_at)
      VALUES (:organization, :entries, :lastSeq, :lastHash, :keyId, :signature, :at)
      """)
  void insert(
      @Bind("organization") UUID organizationId,
      @Bind("entries") long entries,
      @Bind("lastSeq") long lastSeq,
      @Bind("lastHash") byte[] lastHash,
      @Bind("keyId") String keyId,
      @Bind("signature") byte[] signature,
      @Bind("at") Instant at);

  @SqlQuery(
      """
      SELECT organization_id, entries, last_seq, last_hash, key_id, signature, created_at
        FROM audit_checkpoints WHERE organization_id = :id ORDER BY id DESC LIMIT 1
      """)
  Optional<AuditCheckpoints.Checkpoint> latest(@Bind("id") UUID organizationId);
}
