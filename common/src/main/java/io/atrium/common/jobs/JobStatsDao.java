package io.atrium.common.jobs;

import io.atrium.common.jobs.JobStats.KindFailures;
import io.atrium.common.jobs.JobStats.QueueStats;
import io.atrium.common.jobs.JobStats.StateCount;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

interface JobStatsDao {

  @SqlQuery("SELECT state, count(*) AS jobs FROM jobs GROUP BY state ORDER BY state")
  @RegisterConstructorMapper(StateCount.class)
  List<StateCount> countsByState();

  /** Live rows only: both partial indexes serve it, however many finished rows are kept. */
  @SqlQuery(
      """
      SELECT queue,
             count(*) FILTER (WHERE state = 'available' AND run_at <= now()) AS runnable,
             count(*) FILTER (WHERE state = 'available' AND run_at > now()) AS scheduled,
             count(*) FILTER (WHERE state = 'running') AS running,
             coalesce(extract(epoch FROM now() - min(run_at)
                 FILTER (WHERE state = 'available' AND run_at <= now())), 0)::float8
               AS lag_seconds
        FROM jobs
       WHERE state IN ('available', 'running')
       GROUP BY queue
       ORDER BY queue
      """)
  @RegisterConstructorMapper(QueueStats.class)
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
  @RegisterConstructorMapper(KindFailures.class)
  List<KindFailures> failuresByKind(@Bind("windowSeconds") double windowSeconds);
}
