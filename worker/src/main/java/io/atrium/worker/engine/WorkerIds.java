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

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
