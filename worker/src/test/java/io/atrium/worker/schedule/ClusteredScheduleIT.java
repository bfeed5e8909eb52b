package io.atrium.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Module;
import io.atrium.common.json.Json;
import io.atrium.migrations.TestDatabase;
import io.atrium.worker.engine.JobRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.listeners.JobListenerSupport;

class ClusteredScheduleIT {
  private final TestDatabase database = TestDatabase.get();
  private final Jdbi jdbi = database.jdbi();
  private final List<WorkerScheduler> nodes = new ArrayList<>();

  @BeforeEach
  void clean() {
    database.clean();
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(WorkerScheduler::stop);
  }

  @Test
  void twoNodesFireEachSlotOnceAndEnqueueOneJobPerSlot() throws Exception {
    ScheduleDefinition tick =
        ScheduleDefinition.every("test.tick", Duration.ofSeconds(1), "test.tick");
    FiringCounter firings = new FiringCounter();
    WorkerScheduler first = node(Set.of(tick));
    WorkerScheduler second = node(Set.of(tick));
    first.start(List.of(firings));
    second.start(List.of(firings));

    JobRows.await("four slots", Duration.ofSeconds(30), () -> firings.slots.size() >= 4);
    first.stop();
    second.stop();

    assertThat(first.quartz().getSchedulerInstanceId())
        .isNotEqualTo(second.quartz().getSchedulerInstanceId());
    assertThat(firings.slots.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    List<String> keys =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT idempotency_key FROM jobs WHERE kind = 'test.tick'")
                    .mapTo(String.class)
                    .list());
    assertThat(keys)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            firings.slots.keySet().stream()
                .map(slot -> EnqueueScheduledJob.slotKey("test.tick", slot))
                .toList());
    assertThat(JobRows.count(jdbi, "kind = 'test.tick' AND priority = 10 AND max_attempts = 3"))
        .isEqualTo(keys.size());
  }

  @Test
  void aRestartKeepsUnchangedSchedulesAndDeletesUndefinedOnes() throws Exception {
    ScheduleDefinition kept = ScheduleDefinition.every("test.kept", Duration.ofHours(1), "a");
    ScheduleDefinition dropped = ScheduleDefinition.cron("test.dropped", "0 0 3 * * ?", "b");
    WorkerScheduler before = node(Set.of(kept, dropped));
    before.start();
    Trigger keptTrigger = before.quartz().getTrigger(TriggerKey.triggerKey("test.kept", "atrium"));
    before.stop();

    WorkerScheduler after = node(Set.of(kept));
    after.start();

    Trigger keptAfter = after.quartz().getTrigger(TriggerKey.triggerKey("test.kept", "atrium"));
    assertThat(keptAfter.getStartTime()).isEqualTo(keptTrigger.getStartTime());
    assertThat(after.quartz().getJobDetail(JobKey.jobKey("test.dropped", "atrium"))).isNull();
  }

  private WorkerScheduler node(Set<ScheduleDefinition> definitions) {
    Module bindings =
        binder -> {
          binder.bind(DataSource.class).toInstance(database.dataSource());
          binder.bind(Jdbi.class).toInstance(jdbi);
          binder.bind(ObjectMapper.class).toInstance(Json.newMapper());
          definitions.forEach(definition -> Schedules.register(binder, definition));
        };
    WorkerScheduler node =
        Guice.createInjector(new ScheduleModule(), bindings).getInstance(WorkerScheduler.class);
    nodes.add(node);
    return node;
  }

  /** Counts executions per scheduled slot across both nodes. */
  private static final class FiringCounter extends JobListenerSupport {
    private final Map<Instant, AtomicInteger> slots = new ConcurrentHashMap<>();

    @Override
    public String getName() {
      return "firing-counter";
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, JobExecutionException error) {
      if (error == null) {
        slots
            .computeIfAbsent(context.getScheduledFireTime().toInstant(), s -> new AtomicInteger())
            .incrementAndGet();
      }
    }
  }
}
