package io.atrium.api.http;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the web process is draining (SIGTERM received): from then on /ready answers 503 and every
 * response closes its connection, so that a router sends the next request elsewhere.
 */
@Singleton
public final class Drain {
  private final AtomicBoolean draining = new AtomicBoolean();

  public boolean draining() {
    return draining.get();
  }

  public void begin() {
    draining.set(true);
  }
}
