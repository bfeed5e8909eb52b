package io.atrium.api.admin;

import io.atrium.api.http.HttpMetrics;
import io.atrium.common.db.Database;
import io.atrium.common.jobs.JobStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The admin console's view of the system: this web process's requests and pool, the shared job
 * queue, and this JVM's memory.
 */
public final class SystemMetrics {
  private final MeterRegistry registry;
  private final JobStats jobStats;

  @Inject
  public SystemMetrics(MeterRegistry registry, JobStats jobStats) {
    this.registry = registry;
    this.jobStats = jobStats;
  }

  public Map<String, Object> snapshot() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requests", requests());
    body.put("database_pool", pool());
    body.put("jobs", jobs());
    body.put("jvm", jvm());
    return body;
  }

  private Map<String, Object> requests() {
    Map<String, Long> byStatus = new TreeMap<>();
    long total = 0;
    for (Timer timer : registry.find("http.server.requests").timers()) {
      String status = timer.getId().getTag("status");
      String statusClass = status == null ? "unknown" : status.charAt(0) + "xx";
      byStatus.merge(statusClass, timer.count(), Long::sum);
      total += timer.count();
    }
    Map<String, Object> latency = new LinkedHashMap<>();
    Timer all = registry.find(HttpMetrics.ALL_REQUESTS).timer();
    if (all != null) {
      for (ValueAtPercentile value : all.takeSnapshot().percentileValues()) {
        latency.put("p" + Math.round(value.percentile() * 100), value.value(TimeUnit.MILLISECONDS));
      }
    }
    Map<String, Object> requests = new LinkedHashMap<>();
    requests.put("total", total);
    requests.put("by_status", byStatus);
    requests.put("errors_4xx", byStatus.getOrDefault("4xx", 0L));
    requests.put("errors_5xx", byStatus.getOrDefault("5xx", 0L));
    requests.put("latency_ms", latency);
    return requests;
  }

  private Map<String, Object> pool() {
    Map<String, Object> pool = new LinkedHashMap<>();
    for (String name : new String[] {"active", "idle", "pending", "max", "min"}) {
      Gauge gauge = registry.find("hikaricp.connections." + name).gauge();
      pool.put(name, gauge == null ? null : (long) gauge.value());
    }
    // Callers beyond the pool size wait before reaching HikariCP (see Database): add them.
    Gauge waiting = registry.find(Database.WAITING_GAUGE).gauge();
    if (waiting != null && pool.get("pending") instanceof Long pending) {
      pool.put("pending", pending + (long) waiting.value());
    }
    Gauge total = registry.find("hikaricp.connections").gauge();
    pool.put("total", total == null ? null : (long) total.value());
    return pool;
  }

  private Map<String, Object> jobs() {
    Map<String, Object> queues = new TreeMap<>();
    for (JobStats.QueueStats queue : jobStats.queues()) {
      queues.put(
          queue.queue(),
          Map.of(
              "runnable",
              queue.runnable(),
              "scheduled",
              queue.scheduled(),
              "running",
              queue.running(),
              "lag_seconds",
              queue.lagSeconds()));
    }
    Map<String, Object> failures = new TreeMap<>();
    for (JobStats.KindFailures kind : jobStats.failuresLastDay()) {
      failures.put(
          kind.kind(),
          Map.of("discarded", kind.discarded(), "failed_attempts", kind.failedAttempts()));
    }
    Map<String, Object> jobs = new LinkedHashMap<>();
    jobs.put("by_state", jobStats.countsByState());
    jobs.put("queues", queues);
    jobs.put("failures_24h_by_kind", failures);
    return jobs;
  }

  private static Map<String, Object> jvm() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
    Map<String, Object> jvm = new LinkedHashMap<>();
    jvm.put("heap_used_bytes", heap.getUsed());
    jvm.put("heap_committed_bytes", heap.getCommitted());
    jvm.put("heap_max_bytes", heap.getMax());
    jvm.put("non_heap_used_bytes", nonHeap.getUsed());
    jvm.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
    jvm.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
    return jvm;
  }
}
