package io.atrium.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void theExceptionAndItsCausesAreNamed() {
    Exception error = new IllegalStateException("send failed", new IOException("connection reset"));

    assertThat(Failures.describe(error))
        .isEqualTo(
            "java.lang.IllegalStateException: send failed; caused by java.io.IOException:"
                + " connection reset");
  }

  @Test
  void aPermanentFailureIsItsMessage() {
    assertThat(Failures.describe(new PermanentJobFailure("no such mailbox")))
        .isEqualTo("no such mailbox");
  }

  @Test
  void theTextIsBoundedAndCyclesEnd() {
    RuntimeException first = new RuntimeException("x".repeat(5_000));
    RuntimeException second = new RuntimeException("loop", first);
    first.initCause(second);

    String text = Failures.describe(first);

    assertThat(text).hasSize(Failures.MAX_LENGTH).endsWith("…");
  }
}
