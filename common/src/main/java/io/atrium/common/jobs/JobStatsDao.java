package io.atrium.common.jobs;

import io.atrium.common.jobs.JobStats.KindFailures;
import io.atrium.common.jobs.JobStats.QueueStats;
import io.atrium.common.jobs.JobStats.StateCount;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

interface JobStatsDao {

  /**
   * Live states through their partial indexes; finished ones through jobs_finished (an index-only
   * scan when vacuum keeps up) rather than the whole table.
   */
  @SqlQuery(
      """
      SELECT 'available' AS state, count(*) AS jobs FROM jobs WHERE state = 'available'
      UNION ALL
      SELECT 'running', count(*) FROM jobs WHERE state = 'running'
      UNION ALL
      SELECT state, count(*) AS jobs FROM jobs
       WHERE finished_at IS NOT NULL GROUP BY state
      """)
  List<StateCount> countsByState();

  /**
   * Live rows only, each state through its own partial index (an IN over both states would scan the
   * table), however many finished rows are kept.
   */
  @SqlQuery(
      """
      SELECT queue,
             sum(runnable)::bigint AS runnable,
             sum(scheduled)::bigint AS scheduled,
             sum(running)::bigint AS running,
             coalesce(extract(epoch FROM now() - min(oldest_runnable)), 0)::float8 AS lag_seconds
        FROM (SELECT queue,
                     count(*) FILTER (WHERE run_at <= now()) AS runnable,
                     count(*) FILTER (WHERE run_at > now()) AS scheduled,
                     0 AS running,
                     min(run_at) FILTER (WHERE run_at <= now()) AS oldest_runnable
                FROM jobs WHERE state = 'available' GROUP BY queue
              UNION ALL
              SELECT queue, 0, 0, count(*), NULL FROM jobs WHERE state = 'running' GROUP BY queue)
             AS live
       GROUP BY queue
       ORDER BY queue
      """)
  List<QueueStats> queues();

  /** Failed rows only (non-empty errors): the small partial index jobs_failed serves it. */
  @SqlQuery(
      """
      SELECT kind,
             count(*) FILTER (WHERE state = 'discarded'
                                AND finished_at >= now() - make_interval(secs => :windowSeconds))
               AS discarded,
             coalesce(sum((SELECT count(*) FROM jsonb_array_elements(errors) AS e
                            WHERE CAST(e ->> 'at' AS timestamptz)
                                  >= now() - make_interval(secs => :windowSeconds))), 0)
               AS failed_attempts
        FROM jobs
       WHERE errors <> '[]'::jsonb
         AND attempted_at >= now() - make_interval(secs => :windowSeconds)
       GROUP BY kind
       ORDER BY discarded DESC, failed_attempts DESC, kind
      """)
  List<KindFailures> failuresByKind(@Bind("windowSeconds") double windowSeconds);
}
