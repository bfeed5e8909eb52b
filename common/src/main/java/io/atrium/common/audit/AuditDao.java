package io.atrium.common.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The audit log: appended by the services, read by the audit routes. The chain trigger (V4, V8)
 * links and hashes each entry and keeps its chain's head in {@code audit_chain_heads}.
 */
public interface AuditDao {
  String COLUMNS =
      "id, at, actor_user_id, organization_id, action, target_type, target_id, ip, request_id,"
          + " details::text AS details";

  /** {@code hash} is set by the chain trigger. */
  @SqlUpdate(
      """
      INSERT INTO audit_log (id, at, actor_user_id, organization_id, action, target_type,
                             target_id, ip, request_id, details, hash)
      VALUES (:id, :at, :actor, :organization, :action, :targetType, :targetId, :ip,
              :requestId, CAST(:details AS jsonb), ''::bytea)
      """)
  void insert(
      @Bind("id") UUID id,
      @Bind("at") Instant at,
      @Bind("actor") UUID actorUserId,
      @Bind("organization") UUID organizationId,
      @Bind("action") String action,
      @Bind("targetType") String targetType,
      @Bind("targetId") String targetId,
      @Bind("ip") String ip,
      @Bind("requestId") String requestId,
      @Bind("details") String details);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM audit_log WHERE organization_id = :organizationId"
          + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
  List<AuditEntry> listForOrganization(
      @Bind("organizationId") UUID organizationId,
      @Bind("limit") int limit,
      @Bind("offset") int offset);

  /** The organization's entries, as its chain's head counts them. */
  @SqlQuery(
      "SELECT coalesce((SELECT entries FROM audit_chain_heads"
          + " WHERE chain = CAST(CAST(:organizationId AS uuid) AS text)), 0)")
  long countForOrganization(@Bind("organizationId") UUID organizationId);

  @SqlQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq DESC LIMIT :limit OFFSET :offset")
  List<AuditEntry> listAll(@Bind("limit") int limit, @Bind("offset") int offset);

  /** Every entry of the platform, as the heads of all chains count them. */
  @SqlQuery("SELECT coalesce(sum(entries), 0) FROM audit_chain_heads")
  long countAll();

  /** Counted entry by entry: a verification reads them all anyway. */
  @SqlQuery("SELECT count(*) FROM audit_log WHERE organization_id = :organizationId")
  long countEntries(@Bind("organizationId") UUID organizationId);

  /** The first entry whose hash or link to the one before it is wrong. */
  @SqlQuery(
      """
      SELECT id FROM (
        SELECT a.id, a.seq,
               a.hash = audit_log_entry_hash(a.prev_hash, a) AS hash_ok,
               a.prev_hash IS NOT DISTINCT FROM lag(a.hash) OVER (ORDER BY a.seq) AS link_ok
          FROM audit_log a WHERE a.organization_id = :organizationId
      ) chain
      WHERE NOT (hash_ok AND link_ok)
      ORDER BY seq LIMIT 1
      """)
  Optional<UUID> firstBroken(@Bind("organizationId") UUID organizationId);

  /**
   * Whether the chain still holds every entry a checkpoint counted, up to the very entry it names:
   * a deleted tail or a truncation makes this false.
   */
  @SqlQuery(
      """
      SELECT count(*) = :entries AND bool_or(seq = :lastSeq AND hash = :lastHash) IS TRUE
        FROM audit_log WHERE organization_id = :organizationId AND seq <= :lastSeq
      """)
  boolean holdsCheckpoint(
      @Bind("organizationId") UUID organizationId,
      @Bind("entries") long entries,
      @Bind("lastSeq") long lastSeq,
      @Bind("lastHash") byte[] lastHash);
}
