package io.atrium.common.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.common.logging.LogContext;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Stages jobs for the worker. Every method runs on the caller's handle, so a job enqueued inside a
 * transaction exists only if that transaction commits. A job stores the request id of the thread
 * that enqueues it ({@link LogContext#requestId()}): the request's in the web process, the
 * enqueuing job's in the worker, none on a schedule's thread.
 */
public final class JobQueue {
  /** A live job can finish between our conflicting insert and our look-up; then we insert. */
  private static final int CONFLICT_ROUNDS = 3;

  private final ObjectMapper mapper;

  @Inject
  public JobQueue(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public long enqueue(Handle handle, String kind, Object args) {
    return enqueue(handle, kind, args, JobOptions.defaults());
  }

  /**
   * Inserts a job, or with an idempotency key that a live (available or running) job already holds,
   * inserts nothing and returns that job's id.
   */
  public long enqueue(Handle handle, String kind, Object args, JobOptions options) {
    requireKind(kind);
    String json = argsJson(args);
    JobQueueDao dao = handle.attach(JobQueueDao.class);
    String requestId = LogContext.requestId().orElse(null);
    for (int round = 0; round < CONFLICT_ROUNDS; round++) {
      Optional<Long> inserted =
          dao.insert(
              kind,
              options.queue(),
              json,
              options.priority(),
              options.runAt() == null ? null : options.runAt().atOffset(ZoneOffset.UTC),
              options.maxAttempts(),
              options.idempotencyKey(),
              requestId);
      if (inserted.isPresent()) {
        return inserted.get();
      }
      List<JobQueueDao.LiveKey> live = dao.findLive(new String[] {options.idempotencyKey()});
      if (!live.isEmpty()) {
        return live.get(0).id();
      }
    }
    throw new IllegalStateException(
        "cannot enqueue "
            + kind
            + ": idempotency key "
            + options.idempotencyKey()
            + " keeps changing hands");
  }

  /**
   * Inserts many jobs in a few statements (ids, rows, and look-ups for idempotency conflicts) and
   * returns their ids in input order; a job whose key a live job holds gets that job's id.
   */
  public List<Long> enqueueBatch(Handle handle, List<NewJob> jobs) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    JobQueueDao dao = handle.attach(JobQueueDao.class);
    BatchRows rows = BatchRows.of(jobs, this::argsJson);
    long[] result = new long[jobs.size()];
    int[] pending = rows.allIndexes();
    String requestId = LogContext.requestId().orElse(null);
    for (int round = 0; round < CONFLICT_ROUNDS && pending.length > 0; round++) {
      BatchRows subset = rows.select(pending);
      long[] ids = dao.allocateIds(pending.length);
      long[] inserted =
          dao.insertBatch(
              ids,
              subset.kinds(),
              subset.queues(),
              subset.args(),
              subset.priorities(),
              subset.runAts(),
              subset.maxAttempts(),
              subset.idempotencyKeys(),
              requestId);
      pending = resolve(dao, subset, pending, ids, inserted, result);
    }
    if (pending.length > 0) {
      throw new IllegalStateException(
          "cannot enqueue a batch: idempotency keys keep changing hands");
    }
    return Arrays.stream(result).boxed().toList();
  }

  /**
   * Cancels an available or running job; a running job's handler is not interrupted, but its
   * outcome is then ignored. False when the job is finished or unknown.
   */
  public boolean cancel(Handle handle, long jobId) {
    return handle.attach(JobQueueDao.class).cancel(jobId);
  }

  /** Fills in the ids of the rows that were inserted or whose key a live job holds. */
  private static int[] resolve(
      JobQueueDao dao,
      BatchRows subset,
      int[] pending,
      long[] ids,
      long[] inserted,
      long[] result) {
    Set<Long> insertedIds = new HashSet<>(inserted.length * 2);
    for (long id : inserted) {
      insertedIds.add(id);
    }
    List<Integer> conflicting = new ArrayList<>();
    for (int i = 0; i < pending.length; i++) {
      if (insertedIds.contains(ids[i])) {
        result[pending[i]] = ids[i];
      } else {
        conflicting.add(i);
      }
    }
    if (conflicting.isEmpty()) {
      return new int[0];
    }
    String[] keys =
        conflicting.stream()
            .map(i -> subset.idempotencyKeys()[i])
            .distinct()
            .toArray(String[]::new);
    Map<String, Long> live = new HashMap<>();
    dao.findLive(keys).forEach(row -> live.put(row.idempotencyKey(), row.id()));
    List<Integer> unresolved = new ArrayList<>();
    for (int i : conflicting) {
      Long id = live.get(subset.idempotencyKeys()[i]);
      if (id != null) {
        result[pending[i]] = id;
      } else {
        unresolved.add(pending[i]);
      }
    }
    return unresolved.stream().mapToInt(Integer::intValue).toArray();
  }

  private String argsJson(Object args) {
    JsonNode tree = args == null ? mapper.createObjectNode() : mapper.valueToTree(args);
    if (!tree.isObject()) {
      throw new IllegalArgumentException(
          "job args must serialize to a JSON object, got " + tree.getNodeType());
    }
    return tree.toString();
  }

  static void requireKind(String kind) {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("job kind is required");
    }
  }
}
