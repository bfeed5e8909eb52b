package io.atrium.worker.engine;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets the idle claim loop sleep until its next poll or until something happens (a NOTIFY, a
 * shutdown). A signal given while the loop is busy is kept for its next wait, never lost.
 */
final class Wakeup {
  private final Semaphore signals = new Semaphore(0);

  void signal() {
    if (signals.availablePermits() == 0) {
      signals.release();
    }
  }

  /** True when woken by a signal, false when the timeout passed. */
  boolean await(Duration timeout) throws InterruptedException {
    boolean signalled = signals.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
    signals.drainPermits();
    return signalled;
  }
}
