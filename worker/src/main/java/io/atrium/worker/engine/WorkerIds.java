package io.atrium.worker.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Names a worker process in {@code locked_by} and as the Quartz instance id. */
public final class WorkerIds {
  private WorkerIds() {}

  /**
   * Host and pid tell an operator which process holds a job; the random suffix keeps two engines in
   * one JVM (tests) or a recycled pid apart.
   */
  public static String generate() {
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return host() + ":" + ProcessHandle.current().pid() + ":" + HexFormat.of().formatHex(random);
  }

  /** Heroku names the dyno (worker.2) in DYNO; elsewhere the host name has to do. */
  private static String host() {
    for (String variable : new String[] {"DYNO", "HOSTNAME"}) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
