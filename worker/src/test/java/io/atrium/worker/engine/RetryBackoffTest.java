package io.atrium.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryBackoffTest {
  private final RetryBackoff backoff = RetryBackoff.DEFAULT;

  @Test
  void theCeilingDoublesFromTheBaseUpToTheCap() {
    assertThat(backoff.ceilingMillis(1)).isEqualTo(15_000);
    assertThat(backoff.ceilingMillis(2)).isEqualTo(30_000);
    assertThat(backoff.ceilingMillis(3)).isEqualTo(60_000);
    assertThat(backoff.ceilingMillis(8)).isEqualTo(1_920_000);
    assertThat(backoff.ceilingMillis(9)).isEqualTo(3_600_000);
    assertThat(backoff.ceilingMillis(10_000)).isEqualTo(3_600_000);
    assertThat(backoff.ceilingMillis(Integer.MAX_VALUE)).isEqualTo(3_600_000);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 42, 20_260_101})
  void everyDelayLiesBetweenHalfTheCeilingAndTheCeiling(long seed) {
    Random random = new Random(seed);
    for (int attempt = 1; attempt <= 200; attempt++) {
      long ceiling = backoff.ceilingMillis(attempt);
      Duration delay = backoff.delayAfter(attempt, random);
      assertThat(delay.toMillis()).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void jitterSpreadsJobsThatFailedTogether() {
    Random random = new Random(3);
    long distinct =
        java.util.stream.IntStream.range(0, 100)
            .mapToObj(i -> backoff.delayAfter(4, random))
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(90);
  }

  @Test
  void aZeroBaseRetriesAtOnce() {
    RetryBackoff immediate = new RetryBackoff(Duration.ZERO, Duration.ZERO, 0);
    assertThat(immediate.delayAfter(5, new Random(1))).isZero();
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
