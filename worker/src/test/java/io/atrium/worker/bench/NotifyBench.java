package io.atrium.worker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import io.atrium.migrations.Migrations;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * scripts/bench-notify: a notification to N users through a web process and K worker processes (the
 * built jars) into an in-process SMTP sink; prints the time from the 202 to the last message
 * accepted, and messages per second. Arguments: users, workers.
 */
public final class NotifyBench {
  private static final String ADMIN = "bench-admin@atrium.example";
  private static final String PASSWORD = "bench admin password";

  public static void main(String[] args) throws Exception {
    // The sink parses every message with Jakarta Mail, which otherwise scans the classpath for its
    // StreamProvider several times per message (jakartaee/mail-api#861); the workers do the same.
    System.setProperty(
        "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    int users = Integer.parseInt(args[0]);
    int workers = Integer.parseInt(args[1]);
    String server =
        System.getenv().getOrDefault("BENCH_DATABASE_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
    String database = "atrium_bench_notify";
    execute(
        server + "postgres?user=postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    execute(server + "postgres?user=postgres", "CREATE DATABASE " + database);
    String url = server + database + "?user=postgres";
    List<Process> processes = new ArrayList<>();
    GreenMail sink = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    sink.start();
    Received received = Received.countedBy(sink);
    try (HikariDataSource dataSource = new HikariDataSource()) {
      dataSource.setJdbcUrl(url);
      new Migrations(dataSource).migrate();
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO users (id, email, password_hash, status, email_verified_at, created_at, updated_at)"
                + " SELECT gen_random_uuid(), 'user' || n || '@bench.example', 'x', 'active', now(), now(), now()"
                + " FROM generate_series(1, "
                + users
                + ") AS n");
      }
      Map<String, String> env = new HashMap<>();
      env.put("DATABASE_URL", url);
      env.put("JWT_SECRET", Base64.getEncoder().encodeToString(new byte[48]).replace('A', 'b'));
      env.put("CREDENTIALS_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
      env.put("LOG_FORMAT", "text");
      env.put("PORT", "7272");
      env.put("PLATFORM_ADMIN_EMAIL", ADMIN);
      env.put("PLATFORM_ADMIN_PASSWORD", PASSWORD);
      env.put("SMTP_URL", "smtp://127.0.0.1:" + sink.getSmtp().getPort());
      env.put("MAIL_FROM", "Atrium <no-reply@atrium.example>");
      env.put("WORKER_CONCURRENCY", System.getenv().getOrDefault("BENCH_CONCURRENCY", "16"));
      processes.add(launch("api/target/atrium-api-0.1.0-SNAPSHOT-all.jar", env, "web"));
      for (int i = 0; i < workers; i++) {
        processes.add(
            launch("worker/target/atrium-worker-0.1.0-SNAPSHOT-all.jar", env, "worker-" + i));
      }
      HttpClient http = HttpClient.newHttpClient();
      await(() -> get(http, "http://127.0.0.1:7272/health") == 200, "the web process");
      await(
          () -> count(dataSource, "SELECT count(*) FROM qrtz_scheduler_state") >= workers,
          "the worker processes");

      ObjectMapper json = new ObjectMapper();
      JsonNode login =
          json.readTree(
              post(
                      http,
                      "/api/v1/auth/login",
                      null,
                      "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}")
                  .body());
      String token = login.get("access_token").asText();

      // Worker processes live for days: a first, unmeasured notification lets the JIT compile the
      // delivery path, as bench-api warms the web process up. BENCH_WARMUP=0 measures cold JVMs.
      int warmUp =
          Math.min(users, Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "2000")));
      if (warmUp > 0) {
        StringBuilder recipients = new StringBuilder();
        for (int n = 1; n <= warmUp; n++) {
          recipients
              .append(n == 1 ? "" : ",")
              .append("\"user")
              .append(n)
              .append("@bench.example\"");
        }
        post(
            http,
            "/api/v1/admin/notifications/send",
            token,
            "{\"type\":\"platform_to_users\",\"recipients\":["
                + recipients
                + "],\"subject\":\"Warm-up\",\"body\":\"Warming up.\"}");
        await(
            () -> received.messages.get() >= warmUp,
            "the warm-up notification",
            Duration.ofMinutes(5));
        // Let the last completions land before the measured run.
        await(
            () ->
                count(
                        dataSource,
                        "SELECT count(*) FROM jobs WHERE kind = 'mail.send' AND state IN ('available', 'running')")
                    == 0,
            "the warm-up jobs to complete",
            Duration.ofMinutes(1));
        received.messages.set(0);
        received.perRecipient.clear();
      }

      Map<String, Duration> cpuAtStart = cpu(processes, dataSource);
      long start = System.nanoTime();
      HttpResponse<String> sent =
          post(
              http,
              "/api/v1/admin/notifications/send",
              token,
              "{\"type\":\"platform_to_users\",\"recipients\":\"all\",\"subject\":\"Benchmark\",\"body\":\"Hello from the benchmark.\"}");
      long accepted = System.nanoTime();
      int expected = json.readTree(sent.body()).get("recipient_count").asInt();
      await(
          () -> received.messages.get() >= expected,
          expected + " messages",
          Duration.ofMinutes(10));
      long done = System.nanoTime();
      Map<String, Duration> cpuAtEnd = cpu(processes, dataSource);
      double seconds = (done - accepted) / 1e9;
      double fanOut =
          count(
                  dataSource,
                  "SELECT (extract(epoch FROM fanned_out_at - created_at) * 1000)::bigint FROM notifications"
                      + " ORDER BY created_at DESC LIMIT 1")
              / 1000.0;
      System.out.printf(
          "%nnotification to %d recipients, %d worker processes (WORKER_CONCURRENCY %s), %d cores%n",
          expected,
          workers,
          env.get("WORKER_CONCURRENCY"),
          Runtime.getRuntime().availableProcessors());
      System.out.printf(
          "  workers warmed up first by a notification to %d of the users (BENCH_WARMUP)%n",
          warmUp);
      System.out.printf("  202 answered in            %8.1f ms%n", (accepted - start) / 1e6);
      System.out.printf("  fan-out (jobs enqueued)    %8.2f s%n", fanOut);
      System.out.printf("  202 → last message        %8.2f s%n", seconds);
      System.out.printf("  throughput                 %8.0f messages/s%n", expected / seconds);
      long twice = received.perRecipient.values().stream().filter(n -> n.get() > 1).count();
      System.out.printf(
          "  messages received          %8d (duplicates: %d; recipients: %d, of them %d more than"
              + " once)%n",
          received.messages.get(),
          received.messages.get() - expected,
          received.perRecipient.size(),
          twice);
      System.out.printf("  CPU from the request to the last message:%n");
      for (Map.Entry<String, Duration> end : cpuAtEnd.entrySet()) {
        Duration used = end.getValue().minus(cpuAtStart.getOrDefault(end.getKey(), Duration.ZERO));
        System.out.printf(
            "    %-24s %8.2f s (%5.0f µs/message)%n",
            end.getKey(), used.toMillis() / 1e3, used.toNanos() / 1e3 / expected);
      }
    } finally {
      for (Process process : processes) {
        process.destroy();
      }
      for (Process process : processes) {
        process.waitFor(30, TimeUnit.SECONDS);
      }
      sink.stop();
      execute(
          server + "postgres?user=postgres",
          "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  /**
   * What the sink took: messages, and messages per envelope recipient. GreenMail would otherwise
   * create a user and a mailbox per new recipient, found by a linear search, and index every
   * message for IMAP: with 10,000 recipients the sink spent more CPU on that than on SMTP. It still
   * runs the whole SMTP exchange and parses every message; it only keeps counts instead of
   * mailboxes.
   */
  private static final class Received {
    final AtomicInteger messages = new AtomicInteger();
    final Map<String, AtomicInteger> perRecipient = new ConcurrentHashMap<>();

    static Received countedBy(GreenMail sink) {
      Received received = new Received();
      UserManager users = sink.getUserManager();
      GreenMailUser counter =
          new UserImpl("sink@bench.example", "sink", "sink", users.getImapHostManager()) {
            @Override
            public void deliver(MovingMessage message) {
              received.messages.incrementAndGet();
            }
          };
      users.setMessageDeliveryHandler(
          (message, recipient) -> {
            received
                .perRecipient
                .computeIfAbsent(recipient.getEmail(), address -> new AtomicInteger())
                .incrementAndGet();
            return counter;
          });
      return received;
    }
  }

  /**
   * CPU time so far of this JVM (the SMTP sink), the web process, each worker, and the database's
   * backends (when PostgreSQL runs on this machine): on two shared cores, who spends what.
   */
  private static Map<String, Duration> cpu(List<Process> processes, HikariDataSource dataSource) {
    Map<String, Duration> cpu = new LinkedHashMap<>();
    cpu.put("bench JVM (SMTP sink)", cpuOf(ProcessHandle.current()));
    for (int i = 0; i < processes.size(); i++) {
      String name = i == 0 ? "web" : "worker-" + (i - 1);
      cpu.put(name, cpuOf(processes.get(i).toHandle()));
      if (i > 0) {
        // Fresh JVMs: how much of a worker's time goes to compiling and collecting.
        cpu.put(name + " JIT compiler", threadCpu(processes.get(i).pid(), "C1 Compi", "C2 Compi"));
        cpu.put(name + " GC", threadCpu(processes.get(i).pid(), "GC Thread", "G1 "));
      }
    }
    Duration backends = Duration.ZERO;
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
      while (rows.next()) {
        backends =
            backends.plus(
                ProcessHandle.of(rows.getLong(1)).map(NotifyBench::cpuOf).orElse(Duration.ZERO));
      }
    } catch (Exception e) {
      // not visible: PostgreSQL elsewhere
    }
    cpu.put("PostgreSQL backends", backends);
    return cpu;
  }

  /** CPU of the threads whose name starts with one of the prefixes, from /proc (Linux). */
  private static Duration threadCpu(long pid, String... prefixes) {
    long ticks = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          if (Stream.of(prefixes).noneMatch(name::startsWith)) {
            continue;
          }
          String stat = Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(ticks * 10); // USER_HZ is 100
  }

  private static Duration cpuOf(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static Process launch(String jar, Map<String, String> env, String name) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Datrium.access.level=WARN");
    // BENCH_JAVA_OPTS_WORKER / _WEB, e.g. "-XX:StartFlightRecording=filename=/tmp/%s.jfr";
    // %s in it becomes the process name.
    String options =
        System.getenv()
            .getOrDefault("BENCH_JAVA_OPTS_" + name.replaceAll("-\\d+$", "").toUpperCase(), "");
    for (String option : options.split("\\s+")) {
      if (!option.isBlank()) {
        command.add(option.replace("%s", name));
      }
    }
    command.add("-jar");
    command.add(jar);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(new File("var/bench-notify-" + name + ".log"));
    return builder.start();
  }

  private static HttpResponse<String> post(HttpClient http, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:7272" + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  private static int get(HttpClient http, String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return 0;
    }
  }

  private static long count(HikariDataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      return rows.next() ? rows.getLong(1) : 0;
    } catch (Exception e) {
      return 0;
    }
  }

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    await(condition, what, Duration.ofSeconds(90));
  }

  private static void await(
      java.util.function.BooleanSupplier condition, String what, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
