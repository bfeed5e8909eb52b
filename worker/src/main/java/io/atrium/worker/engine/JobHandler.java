package io.atrium.worker.engine;

/**
 * The work behind one job kind. Runs outside any transaction; may run more than once for the same
 * job (at-least-once), so effects must be idempotent or fenced by the job's id. Throw {@link
 * PermanentJobFailure} for an error that retrying cannot fix; any other exception is retried with
 * backoff until the job's attempts run out.
 */
@FunctionalInterface
public interface JobHandler {
  void handle(JobContext job) throws Exception;
}
