package io.atrium.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleDefinitionTest {
  @Test
  void aScheduleIsACronOrAnInterval() {
    assertThat(ScheduleDefinition.cron("digest", "0 0 6 * * ?", "mail.digest").describe())
        .isEqualTo("digest (cron 0 0 6 * * ? -> mail.digest)");
    assertThat(
            ScheduleDefinition.every("sync", Duration.ofMinutes(5), "provider.sync")
                .inQueue("provider")
                .queue())
        .isEqualTo("provider");
    assertThatThrownBy(
            () -> new ScheduleDefinition("both", "0 0 6 * * ?", Duration.ofMinutes(1), "k", "q"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScheduleDefinition("neither", null, null, "k", "q"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidSchedulesAreRefusedAtStartup() {
    assertThatThrownBy(() -> ScheduleDefinition.cron("bad", "every day", "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid cron");
    assertThatThrownBy(() -> ScheduleDefinition.every("fast", Duration.ofMillis(500), "k"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScheduleDefinition.every("", Duration.ofMinutes(1), "k"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScheduleDefinition.every("x", Duration.ofMinutes(1), " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachSlotHasItsOwnIdempotencyKey() {
    Instant slot = Instant.parse("2026-11-22T10:15:30Z");

    assertThat(EnqueueScheduledJob.slotKey("jobs.prune", slot))
        .isEqualTo("schedule:jobs.prune:1795342530");
    assertThat(EnqueueScheduledJob.slotKey("jobs.prune", slot.plusSeconds(3600)))
        .isNotEqualTo(EnqueueScheduledJob.slotKey("jobs.prune", slot));
  }
}
