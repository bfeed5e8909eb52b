package io.atrium.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IdleBackoffTest {
  @Test
  void waitsDoubleUpToTheMaximumAndStartOverAfterAJob() {
    IdleBackoff idle = new IdleBackoff(Duration.ofMillis(50), Duration.ofSeconds(1));

    assertThat(Stream.generate(idle::next).limit(7).map(Duration::toMillis))
        .containsExactly(50L, 100L, 200L, 400L, 800L, 1000L, 1000L);
    idle.reset();
    assertThat(idle.next()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void aSignalGivenWhileBusyWakesTheNextWait() throws Exception {
    Wakeup wakeup = new Wakeup();
    wakeup.signal();
    wakeup.signal();

    assertThat(wakeup.await(Duration.ofSeconds(30))).isTrue();
    assertThat(wakeup.await(Duration.ofMillis(1))).isFalse();
  }
}
