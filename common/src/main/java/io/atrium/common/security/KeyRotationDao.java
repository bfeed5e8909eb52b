package io.atrium.common.security;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The rows outside {@code provider_credentials} that a key rotation reads or rewrites. */
public interface KeyRotationDao {
  /** A queued mail job and its sealed variables. */
  record SealedJob(long id, String args) {}

  /** Mail jobs still to run (or running) after the cursor, whose args carry sealed variables. */
  @SqlQuery(
      """
      SELECT id, args::text AS args FROM jobs
       WHERE kind = :kind AND state IN ('available', 'running') AND id > :afterId
       ORDER BY id LIMIT :limit
      """)
  List<SealedJob> pendingJobs(
      @Bind("kind") String kind, @Bind("afterId") long afterId, @Bind("limit") int limit);

  /** Replaces the sealed variables unless the job changed them (or finished) meanwhile. */
  @SqlUpdate(
      """
      UPDATE jobs SET args = jsonb_set(args, '{variables}', to_jsonb(CAST(:newVariables AS text)))
       WHERE id = :id AND state IN ('available', 'running')
         AND args ->> 'variables' = :oldVariables
      """)
  boolean replaceVariables(
      @Bind("id") long id,
      @Bind("oldVariables") String oldVariables,
      @Bind("newVariables") String newVariables);

  /**
   * Live API keys hashed under another key's pepper: an HMAC cannot be recomputed without the key
   * itself, so these keep working only while their key stays listed.
   */
  @SqlQuery(
      """
      SELECT count(*) FROM api_keys
       WHERE pepper_version <> :currentVersion AND revoked_at IS NULL AND expires_at > now()
      """)
  long liveApiKeysUnderOtherPeppers(@Bind("currentVersion") String currentVersion);
}
