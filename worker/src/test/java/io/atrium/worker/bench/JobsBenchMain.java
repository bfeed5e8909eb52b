package io.atrium.worker.bench;

import io.atrium.common.config.AppConfig;
import io.atrium.common.config.DatabaseConfig;
import io.atrium.common.db.Database;
import io.atrium.common.jobs.JobQueue;
import io.atrium.common.jobs.NewJob;
import io.atrium.common.json.Json;
import io.atrium.migrations.Migrations;
import io.atrium.worker.WorkerApplication;
import io.atrium.worker.WorkerMain;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;

/**
 * The steps of scripts/bench-jobs, each a separate invocation: {@code create SERVER_URL NAME},
 * {@code enqueue N}, {@code worker}, {@code report N TIMEOUT_SECONDS [WORKER_PID...]}, {@code drop
 * SERVER_URL NAME}. enqueue, worker and report use DATABASE_URL (and worker the rest of the
 * environment).
 */
public final class JobsBenchMain {
  private JobsBenchMain() {}

  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "create" -> create(args[1], args[2]);
      case "drop" -> BenchDatabases.drop(args[1], args[2]);
      case "enqueue" -> enqueue(Integer.parseInt(args[1]));
      case "worker" -> worker();
      case "reset" -> reset();
      case "report" ->
          report(
              args[1],
              Integer.parseInt(args[2]),
              Integer.parseInt(args[3]),
              Arrays.stream(args).skip(4).map(Long::valueOf).toList());
      default -> {
        System.err.println("usage: JobsBenchMain create|drop|enqueue|worker|report ...");
        System.exit(2);
      }
    }
  }

  /** Creates (anew) and migrates the bench database; prints its JDBC URL. */
  private static void create(String serverUrl, String name) {
    String url = BenchDatabases.create(serverUrl, name);
    try (Database database = open(url)) {
      new Migrations(database.dataSource()).migrate();
    }
    System.out.println(url);
  }

  private static void enqueue(int count) {
    try (Database database = open(System.getenv("DATABASE_URL"))) {
      JobQueue queue = new JobQueue(Json.newMapper());
      List<NewJob> jobs =
          IntStream.range(0, count)
              .mapToObj(i -> new NewJob(BenchModule.NOOP, Map.of("n", i)))
              .toList();
      long started = System.nanoTime();
      int enqueued = database.jdbi().inTransaction(h -> queue.enqueueBatch(h, jobs)).size();
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "enqueue: %,d jobs in one batch in %.2f s (%,.0f jobs/s)%n",
          enqueued, seconds, enqueued / seconds);
    }
  }

  private static void worker() {
    WorkerApplication application =
        WorkerApplication.start(
            AppConfig.fromEnvironment(), Clock.systemUTC(), List.of(new BenchModule()));
    WorkerMain.stopOnSigterm(application);
    System.out.println("bench worker ready");
  }

  /** Deletes the bench jobs of a round (the warm-up) so that the next one is measured alone. */
  private static void reset() {
    try (Database database = open(System.getenv("DATABASE_URL"))) {
      database
          .jdbi()
          .useHandle(
              h -> {
                h.execute("DELETE FROM jobs WHERE kind = ?", BenchModule.NOOP);
                h.execute("VACUUM ANALYZE jobs");
              });
    }
  }

  /**
   * Waits for every bench job to complete, then prints throughput; for the measured round ({@code
   * label} "drain") also latency, statements and CPU.
   */
  private static void report(String label, int count, int timeoutSeconds, List<Long> workerPids)
      throws InterruptedException {
    try (Database database = open(System.getenv("DATABASE_URL"))) {
      Jdbi jdbi = database.jdbi();
      CpuMeter cpu = new CpuMeter(workerPids, jdbi);
      long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
      long live = count;
      while (live > 0 && System.nanoTime() < deadline) {
        Thread.sleep(500);
        live = BenchDatabases.live(jdbi, BenchModule.NOOP);
      }
      if (live > 0) {
        System.out.printf(
            "%s: %,d of %,d jobs still not done after %d s%n", label, live, count, timeoutSeconds);
        System.exit(1);
      }
      double[] cpuSeconds = cpu.secondsSinceStart();
      BenchDatabases.Figures figures = BenchDatabases.figures(jdbi, BenchModule.NOOP);
      System.out.printf(
          "%s: %,d jobs in %.2f s (%,.0f jobs/s), first claim to last completion%n",
          label, figures.jobs(), figures.seconds(), figures.jobs() / figures.seconds());
      if (!label.equals("drain")) {
        return;
      }
      System.out.printf(
          "claim-to-completion latency: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          figures.p50() * 1000, figures.p95() * 1000, figures.p99() * 1000, figures.max() * 1000);
      System.out.printf(
          "statements: %,d claims (%.1f jobs each), %,d completions (%.1f jobs each)%n",
          figures.claims(),
          (double) figures.jobs() / figures.claims(),
          figures.completions(),
          (double) figures.jobs() / figures.completions());
      System.out.printf(
          "CPU during the drain: worker processes %.1f s (%.0f µs/job)%s%n",
          cpuSeconds[0],
          cpuSeconds[0] * 1e6 / figures.jobs(),
          cpuSeconds[1] < 0
              ? ""
              : String.format(
                  ", PostgreSQL backends %.1f s (%.0f µs/job)",
                  cpuSeconds[1], cpuSeconds[1] * 1e6 / figures.jobs()));
    }
  }

  private static Database open(String url) {
    return Database.open(DatabaseConfig.parse("DATABASE_URL", url, 2), "bench", null);
  }
}
