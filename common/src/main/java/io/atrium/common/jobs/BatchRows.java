package io.atrium.common.jobs;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/** A batch of jobs as column arrays, the shape {@code unnest(...)} takes in one statement. */
record BatchRows(
    String[] kinds,
    String[] queues,
    String[] args,
    int[] priorities,
    String[] runAts,
    int[] maxAttempts,
    String[] idempotencyKeys) {

  static BatchRows of(List<NewJob> jobs, Function<Object, String> argsJson) {
    int size = jobs.size();
    BatchRows rows = empty(size);
    for (int i = 0; i < size; i++) {
      NewJob job = jobs.get(i);
      JobQueue.requireKind(job.kind());
      JobOptions options = job.options() == null ? JobOptions.defaults() : job.options();
      rows.kinds[i] = job.kind();
      rows.queues[i] = options.queue();
      rows.args[i] = argsJson.apply(job.args());
      rows.priorities[i] = options.priority();
      // ISO-8601 with Z: PostgreSQL reads it as an exact timestamptz.
      rows.runAts[i] = options.runAt() == null ? null : options.runAt().toString();
      rows.maxAttempts[i] = options.maxAttempts();
      rows.idempotencyKeys[i] = options.idempotencyKey();
    }
    return rows;
  }

  private static BatchRows empty(int size) {
    return new BatchRows(
        new String[size],
        new String[size],
        new String[size],
        new int[size],
        new String[size],
        new int[size],
        new String[size]);
  }

  int size() {
    return kinds.length;
  }

  int[] allIndexes() {
    return IntStream.range(0, size()).toArray();
  }

  /** The rows at {@code indexes}, in that order. */
  BatchRows select(int[] indexes) {
    if (indexes.length == size()) {
      return this;
    }
    int size = indexes.length;
    BatchRows rows = empty(size);
    for (int i = 0; i < size; i++) {
      int from = indexes[i];
      rows.kinds[i] = kinds[from];
      rows.queues[i] = queues[from];
      rows.args[i] = args[from];
      rows.priorities[i] = priorities[from];
      rows.runAts[i] = runAts[from];
      rows.maxAttempts[i] = maxAttempts[from];
      rows.idempotencyKeys[i] = idempotencyKeys[from];
    }
    return rows;
  }
}
