package io.atrium.common.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Single-use tokens of email verification and password reset. */
public interface UserTokenDao {
  String VERIFY_EMAIL = "verify_email";
  String RESET_PASSWORD = "reset_password";

  @SqlUpdate(
      """
      INSERT INTO user_tokens (id, user_id, purpose, token_hash, created_at, expires_at)
      VALUES (:id, :userId, :purpose, :hash, :createdAt, :expiresAt)
      """)
  void insert(
      @Bind("id") UUID id,
      @Bind("userId") UUID userId,
      @Bind("purpose") String purpose,
      @Bind("hash") byte[] hash,
      @Bind("createdAt") Instant createdAt,
      @Bind("expiresAt") Instant expiresAt);

  /** Consumes a token atomically: of two concurrent uses, exactly one gets the user id. */
  @SqlQuery(
      """
      UPDATE user_tokens SET used_at = :now
       WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL
         AND invalidated_at IS NULL AND expires_at > :now
      RETURNING user_id
      """)
  Optional<UUID> consume(
      @Bind("hash") byte[] hash, @Bind("purpose") String purpose, @Bind("now") Instant now);

  /** The user of a token that could still be consumed, without consuming it. */
  @SqlQuery(
      """
      SELECT user_id FROM user_tokens
       WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL
         AND invalidated_at IS NULL AND expires_at > :now
      """)
  Optional<UUID> findOpen(
      @Bind("hash") byte[] hash, @Bind("purpose") String purpose, @Bind("now") Instant now);

  @SqlUpdate(
      """
      UPDATE user_tokens SET invalidated_at = :now
       WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL AND invalidated_at IS NULL
      """)
  void invalidateOpen(
      @Bind("userId") UUID userId, @Bind("purpose") String purpose, @Bind("now") Instant now);
}
