package io.atrium.worker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * CPU time spent by the worker processes and by the database's backends during the drain, read from
 * /proc: on a shared two-core machine jobs/s moves with the neighbours' load, CPU per job much
 * less. The backends are only visible when PostgreSQL runs on this machine.
 */
final class CpuMeter {
  /** USER_HZ, the unit of /proc/PID/stat times: 100 on every Linux this runs on. */
  private static final double TICKS_PER_SECOND = 100;

  private final List<Long> workerPids;
  private final Jdbi jdbi;
  private final Map<Long, Long> workersAtStart;
  private final Map<Long, Long> backendsAtStart;

  CpuMeter(List<Long> workerPids, Jdbi jdbi) {
    this.workerPids = workerPids;
    this.jdbi = jdbi;
    this.workersAtStart = ticks(workerPids);
    this.backendsAtStart = ticks(backendPids());
  }

  /** Seconds of CPU since the start: workers, then backends (-1 when not visible). */
  double[] secondsSinceStart() {
    double workers = since(workersAtStart, ticks(workerPids));
    Map<Long, Long> backends = ticks(backendPids());
    double database = backends.isEmpty() ? -1 : since(backendsAtStart, backends);
    return new double[] {workers, database};
  }

  private static double since(Map<Long, Long> start, Map<Long, Long> end) {
    long total = 0;
    for (Map.Entry<Long, Long> entry : end.entrySet()) {
      total += entry.getValue() - start.getOrDefault(entry.getKey(), 0L);
    }
    return total / TICKS_PER_SECOND;
  }

  private List<Long> backendPids() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT pid FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()")
                .mapTo(Long.class)
                .list());
  }

  private static Map<Long, Long> ticks(List<Long> pids) {
    Map<Long, Long> ticks = new HashMap<>();
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
      } catch (IOException | RuntimeException e) {
        // not on this machine, or gone
      }
    }
    return ticks;
  }
}
