package io.atrium.common.provider.scaleway;

import java.time.Duration;

/** How the client waits between the attempts of a call; tests record the waits instead. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
