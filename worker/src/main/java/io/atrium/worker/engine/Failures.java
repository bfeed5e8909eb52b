package io.atrium.worker.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** The text kept in a job's {@code errors}: the exception and its causes, bounded. */
final class Failures {
  static final int MAX_LENGTH = 2000;

  private Failures() {}

  static String describe(Throwable error) {
    StringBuilder text = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      if (text.length() > 0) {
        text.append("; caused by ");
      }
      // PermanentJobFailure's message is the point; its class name is noise.
      text.append(t instanceof PermanentJobFailure ? t.getMessage() : t.toString());
    }
    return text.length() <= MAX_LENGTH ? text.toString() : text.substring(0, MAX_LENGTH - 1) + "…";
  }
}
