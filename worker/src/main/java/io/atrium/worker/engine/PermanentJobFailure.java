package io.atrium.worker.engine;

/** An error no retry can fix: the job is discarded at once, its message kept. */
public final class PermanentJobFailure extends RuntimeException {
  public PermanentJobFailure(String message) {
    super(message);
  }

  public PermanentJobFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
