package io.atrium.common.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface RefreshTokenDao {

  /** A refresh token with what deciding on it needs, locked (with its session) for the decision. */
  record Presented(
      UUID sessionId,
      UUID userId,
      Instant expiresAt,
      Instant spentAt,
      Instant sessionExpiresAt,
      Instant sessionRevokedAt,
      String userStatus,
      byte[] successorHash) {}

  @SqlUpdate(
      """
      INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at)
      VALUES (:hash, :sessionId, :createdAt, :expiresAt)
      """)
  void insert(
      @Bind("hash") byte[] hash,
      @Bind("sessionId") UUID sessionId,
      @Bind("createdAt") Instant createdAt,
      @Bind("expiresAt") Instant expiresAt);

  @SqlQuery(
      """
      SELECT r.session_id, s.user_id, r.expires_at, r.spent_at, s.expires_at AS session_expires_at,
             s.revoked_at AS session_revoked_at, u.status AS user_status, r.successor_hash
        FROM refresh_tokens r
        JOIN sessions s ON s.id = r.session_id
        JOIN users u ON u.id = s.user_id
       WHERE r.token_hash = :hash
         FOR UPDATE OF r, s
      """)
  Optional<Presented> lock(@Bind("hash") byte[] hash);

  /** Spends a token, naming the one that replaces it. */
  @SqlUpdate(
      """
      UPDATE refresh_tokens SET spent_at = :at, successor_hash = :successor
       WHERE token_hash = :hash AND spent_at IS NULL
      """)
  void spend(
      @Bind("hash") byte[] hash, @Bind("at") Instant at, @Bind("successor") byte[] successor);
}
