package io.atrium.api.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * scripts/bench-faults: 32 clients of mixed reads and writes against two web and two worker
 * processes (the built jars) on a PostgreSQL cluster of its own, while it (1) stops PostgreSQL for
 * 10 s, (2) deploys a web process (SIGTERM, a new one started), (3) SIGKILLs a worker. Each client
 * keeps a ledger of the writes the server acknowledged; at the end the ledger is checked against
 * the database, and the mail sink's count of each Message-ID against the jobs in flight at the
 * kill.
 */
public final class FaultsBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PHASES =
      List.of(
          "setup", "steady", "1a database down", "1b database back", "2 deploy", "3 worker killed");
  private static final String DELIVERY_KINDS = "('mail.send', 'notification.fan_out')";
  private static final String PASSWORD = "bench password of the faults";
  private static final Pattern VERIFY = Pattern.compile("verify-email\\?token=([A-Za-z0-9_-]+)");
  private static final Pattern INVITATION = Pattern.compile("/invitations/([A-Za-z0-9_-]+)");

  private final int clients = env("BENCH_CLIENTS", 32);
  private final int steadySeconds = env("BENCH_STEADY_SECONDS", 15);
  private final int databaseDownSeconds = env("BENCH_DB_DOWN_SECONDS", 10);
  private final int thinkMillis = env("BENCH_THINK_MS", 10);
  private final Path work;
  private final Path logs;
  private final PostgresCluster postgres;
  private final GreenMail sink;
  private final Map<String, LongAdder> receivedByMessageId = new ConcurrentHashMap<>();
  private final Map<String, String> verifyTokens = new ConcurrentHashMap<>();
  private final Map<String, String> invitationTokens = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final List<Proc> webs = new CopyOnWriteArrayList<>();
  private final List<Proc> workers = new CopyOnWriteArrayList<>();
  private final List<Proc> all = new CopyOnWriteArrayList<>();
  private volatile List<String> rotation = List.of();
  private volatile String phase = "setup";
  private volatile boolean stopping;
  private final Map<String, Map<String, LongAdder>> statusesByPhase = new ConcurrentHashMap<>();
  private final List<String> serverErrors = new CopyOnWriteArrayList<>();
  private final AtomicLong lastSuccessNanos = new AtomicLong();
  private final Map<String, String> environment = new HashMap<>();

  private FaultsBench(Path work) throws Exception {
    this.work = work;
    this.logs = Path.of("var", "bench-faults");
    Files.createDirectories(logs);
    this.postgres = new PostgresCluster(work, logs.resolve("postgres.log"));
    this.sink = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  public static void main(String[] args) throws Exception {
    System.setProperty(
        "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    Path work = Files.createTempDirectory("atrium-bench-faults");
    FaultsBench bench = new FaultsBench(work);
    int exit;
    try {
      exit = bench.run();
    } finally {
      bench.cleanUp();
    }
    System.exit(exit);
  }

  private int run() throws Exception {
    postgres.start();
    postgres.createDatabase("atrium");
    startSink();
    environment.putAll(
        Map.of(
            "DATABASE_URL", postgres.jdbcUrl("atrium"),
            "JWT_SECRET", Base64.getEncoder().encodeToString(randomBytes(48)),
            "CREDENTIALS_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(randomBytes(32)),
            "SMTP_URL", "smtp://127.0.0.1:" + sink.getSmtp().getPort(),
            "MAIL_FROM", "Atrium <no-reply@atrium.example>",
            "TRUST_PROXY", "true",
            "LOG_FORMAT", "text",
            "WORKER_CONCURRENCY", "4",
            "DATABASE_POOL_SIZE", "10"));
    ProcessBuilder release =
        new ProcessBuilder(
                "java", "-jar", "migrations/target/atrium-migrations-0.1.0-SNAPSHOT-all.jar")
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve("release.log").toFile());
    release.environment().putAll(environment);
    if (release.start().waitFor() != 0) {
      throw new IllegalStateException("the release process failed: see " + logs);
    }
    for (int i = 1; i <= 2; i++) {
      webs.add(startWeb("web-" + i));
      workers.add(startWorker("worker-" + i));
    }
    for (Proc web : webs) {
      awaitReady(web);
    }
    rotation = webs.stream().map(w -> w.base).toList();
    System.out.printf(
        "== %d clients, 2 web and 2 worker processes, PostgreSQL %s on port %d (logs in %s)%n",
        clients, postgres.version(), postgres.port, logs);

    List<Client> population = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      population.add(new Client(i));
    }
    List<Thread> setups = new ArrayList<>();
    for (Client client : population) {
      Thread setup = new Thread(client::setUpOrFail, "setup-" + client.index);
      setup.start();
      setups.add(setup);
    }
    for (Thread setup : setups) {
      setup.join();
    }
    List<Thread> threads = new ArrayList<>();
    phase = "steady";
    for (Client client : population) {
      Thread thread = new Thread(client, "client-" + client.index);
      thread.start();
      threads.add(thread);
    }
    Thread.sleep(steadySeconds * 1000L);

    // (1) PostgreSQL stops for 10 s and starts again.
    phase = "1a database down";
    Set<String> inFlightAtStop = new HashSet<>(runningMailKeys(-1));
    long stopped = System.nanoTime();
    postgres.stop();
    Thread.sleep(databaseDownSeconds * 1000L);
    phase = "1b database back";
    postgres.startAgain();
    long back = System.nanoTime();
    lastSuccessNanos.set(0);
    await(() -> lastSuccessNanos.get() > back, "a success after the database returned", 120);
    double firstSuccess = (lastSuccessNanos.get() - back) / 1e9;
    double downFor = (back - stopped) / 1e9;
    phase = "steady";
    Thread.sleep(steadySeconds * 1000L);

    // (2) A deploy: SIGTERM to one web process, a new one started and put in the rotation.
    phase = "2 deploy";
    Proc old = webs.get(0);
    Proc fresh = startWeb("web-3");
    rotation = List.of(webs.get(1).base);
    long signalled = System.nanoTime();
    old.process.toHandle().destroy();
    boolean oldExited = old.process.waitFor(40, TimeUnit.SECONDS);
    double drained = (System.nanoTime() - signalled) / 1e9;
    awaitReady(fresh);
    webs.remove(old);
    webs.add(fresh);
    rotation = webs.stream().map(w -> w.base).toList();
    int oldExit = oldExited ? old.process.exitValue() : -1;
    phase = "steady";
    Thread.sleep(steadySeconds * 1000L);

    // (3) A worker is SIGKILLed; another one is started, as the platform would.
    phase = "3 worker killed";
    Proc victim = workers.get(0);
    Set<String> inFlight = new HashSet<>(runningMailKeys(victim.process.pid()));
    victim.process.toHandle().destroyForcibly();
    victim.process.waitFor(10, TimeUnit.SECONDS);
    inFlight.addAll(runningMailKeys(victim.process.pid()));
    workers.remove(victim);
    workers.add(startWorker("worker-3"));
    Thread.sleep(steadySeconds * 1000L);
    phase = "steady";
    Thread.sleep(steadySeconds * 1000L);

    stopping = true;
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    phase = "settling";
    System.out.println("== load stopped; waiting for the jobs to finish");
    await(() -> pendingJobs() == 0, "every job to finish", 240);
    Thread.sleep(2_000); // the last messages' SMTP exchanges

    return report(population, inFlight, inFlightAtStop, downFor, firstSuccess, oldExit, drained);
  }

  private int report(
      List<Client> population,
      Set<String> inFlight,
      Set<String> inFlightAtStop,
      double downFor,
      double firstSuccess,
      int oldExit,
      double drained)
      throws Exception {
    System.out.println();
    System.out.println("requests by status during each phase:");
    for (String name : PHASES) {
      Map<String, Long> counts = new TreeMap<>();
      statusesByPhase
          .getOrDefault(name, Map.of())
          .forEach((status, n) -> counts.put(status, n.sum()));
      System.out.printf("  %-20s %s%n", name, counts);
    }
    System.out.printf(
        "database down for %.1f s; first success %.2f s after it returned%n",
        downFor, firstSuccess);
    System.out.printf(
        "deploy: the old web process drained in %.1f s and exited %d%n", drained, oldExit);

    Map<String, Long> missing = new LinkedHashMap<>();
    long acknowledged = 0;
    try (Connection db = postgres.connect("atrium")) {
      for (Client client : population) {
        acknowledged += client.ledger.size();
      }
      missing.put(
          "users",
          missingIds(db, "SELECT count(*) FROM users WHERE email = ANY(?)", emails(population)));
      missing.put(
          "organizations",
          missingUuids(
              db,
              "SELECT count(*) FROM organizations WHERE id = ANY(?)",
              ids(population, Ledger::organizations)));
      missing.put(
          "invitations",
          missingUuids(
              db,
              "SELECT count(*) FROM invitations WHERE id = ANY(?)",
              ids(population, Ledger::invitations)));
      missing.put(
          "notifications",
          missingUuids(
              db,
              "SELECT count(*) FROM notifications WHERE id = ANY(?)",
              ids(population, Ledger::notifications)));
      long roles = 0;
      for (Client client : population) {
        roles += client.roleMissing(db) ? 1 : 0;
      }
      missing.put("role changes", roles);
      long missingTotal = missing.values().stream().mapToLong(Long::longValue).sum();

      long notFannedOut =
          count(db, "SELECT count(*) FROM notifications WHERE fanned_out_at IS NULL");
      long undelivered =
          count(
              db,
              "SELECT count(*) FROM notification_recipients r JOIN notifications n ON n.id = r.notification_id"
                  + " LEFT JOIN mail_deliveries d ON d.message_key = 'notification:' || r.notification_id || ':' || r.email"
                  + " WHERE n.type <> 'org_to_prospects' AND (d.status IS NULL OR d.status <> 'sent')");
      long mailJobsWithoutDelivery =
          count(
              db,
              "SELECT count(*) FROM jobs j LEFT JOIN mail_deliveries d ON d.message_key = j.args->>'message_key'"
                  + " WHERE j.kind = 'mail.send' AND (d.status IS NULL OR d.status <> 'sent')");
      long unfinished =
          count(
              db,
              "SELECT count(*) FROM jobs WHERE state <> 'completed' AND kind IN " + DELIVERY_KINDS);
      long jobsLost = notFannedOut + undelivered + mailJobsWithoutDelivery + unfinished;

      Map<String, String> messageIdOfKey = new HashMap<>();
      try (Statement s = db.createStatement();
          ResultSet rows = s.executeQuery("SELECT message_key, message_id FROM mail_deliveries")) {
        while (rows.next()) {
          messageIdOfKey.put(rows.getString(1), rows.getString(2));
        }
      }
      Set<String> atKill = messageIds(inFlight, messageIdOfKey);
      Set<String> atStop = messageIds(inFlightAtStop, messageIdOfKey);
      long twice = 0;
      long twiceInFlight = 0;
      long twiceAtStop = 0;
      for (Map.Entry<String, LongAdder> received : receivedByMessageId.entrySet()) {
        long extra = received.getValue().sum() - 1;
        if (extra <= 0) {
          continue;
        }
        if (atKill.contains(received.getKey())) {
          twiceInFlight += extra;
        } else if (atStop.contains(received.getKey())) {
          twiceAtStop += extra;
        } else {
          twice += extra;
        }
      }
      long messages = receivedByMessageId.values().stream().mapToLong(LongAdder::sum).sum();
      long otherServerErrors = serverErrors.size();

      System.out.println();
      System.out.printf("acknowledged writes:           %d%n", acknowledged);
      System.out.printf("acknowledged writes missing:   %d %s%n", missingTotal, missing);
      System.out.printf(
          "jobs lost:                     %d (notifications not fanned out %d, recipients without a sent mail %d, mail jobs without a delivery %d, jobs not completed %d)%n",
          jobsLost, notFannedOut, undelivered, mailJobsWithoutDelivery, unfinished);
      System.out.printf(
          "emails sent twice:             %d beyond those in flight at the kill or the database stop"
              + " (in flight at the kill: %d mail jobs, %d extra copies; at the database stop: %d mail"
              + " jobs, %d extra copies; %d messages received)%n",
          twice, inFlight.size(), twiceInFlight, inFlightAtStop.size(), twiceAtStop, messages);
      System.out.printf("5xx other than 503:            %d%n", otherServerErrors);
      for (String error : serverErrors.subList(0, Math.min(10, serverErrors.size()))) {
        System.out.println("  " + error);
      }
      boolean ok =
          missingTotal == 0
              && jobsLost == 0
              && twice == 0
              && otherServerErrors == 0
              && oldExit == 0;
      System.out.println(ok ? "ALL TARGETS MET" : "TARGETS MISSED");
      return ok ? 0 : 1;
    }
  }

  // ---- the clients ----

  /** What the server acknowledged to one client. */
  private static final class Ledger {
    final List<String> users = new ArrayList<>();
    final List<UUID> organizations = new ArrayList<>();
    final List<UUID> invitations = new ArrayList<>();
    final List<UUID> notifications = new ArrayList<>();
    String acknowledgedRole = "user";
    final Set<String> unacknowledgedRoles = new HashSet<>();

    List<UUID> organizations() {
      return organizations;
    }

    List<UUID> invitations() {
      return invitations;
    }

    List<UUID> notifications() {
      return notifications;
    }

    int size() {
      return users.size() + organizations.size() + invitations.size() + notifications.size();
    }
  }

  private record Answer(int status, JsonNode json) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final class Client implements Runnable {
    final int index;
    final Ledger ledger = new Ledger();
    final String address;
    String ownerEmail;
    String ownerToken;
    UUID organization;
    UUID member;
    int sequence;
    int roleChanges;

    Client(int index) {
      this.index = index;
      this.address = "10.77." + (index / 200) + "." + (index % 200 + 1);
    }

    void setUpOrFail() {
      try {
        setUp();
      } catch (Exception e) {
        throw new IllegalStateException("client " + index + " could not set up", e);
      }
    }

    /** An owner with a verified email, an organization, and one member whose role will change. */
    void setUp() throws Exception {
      ownerEmail = "c" + index + "-owner@bench.example";
      Answer registered = retry("POST", "/api/v1/auth/register", null, credentials(ownerEmail));
      ledger.users.add(ownerEmail);
      ownerToken = registered.json.get("access_token").asText();
      String verify = awaitToken(verifyTokens, ownerEmail);
      retry("POST", "/api/v1/auth/verify-email", null, "{\"token\":\"" + verify + "\"}");
      Answer created =
          retry(
              "POST",
              "/api/v1/organizations",
              ownerToken,
              "{\"name\":\"Bench client " + index + "\"}");
      organization = UUID.fromString(created.json.get("id").asText());
      ledger.organizations.add(organization);
      Answer switched =
          retry(
              "PUT",
              "/api/v1/organizations/current",
              ownerToken,
              "{\"organization_id\":\"" + organization + "\"}");
      ownerToken = switched.json.get("access_token").asText();
      String memberEmail = "c" + index + "-member@bench.example";
      Answer memberAuth = retry("POST", "/api/v1/auth/register", null, credentials(memberEmail));
      ledger.users.add(memberEmail);
      member = UUID.fromString(memberAuth.json.get("user").get("id").asText());
      Answer invited =
          retry(
              "POST",
              "/api/v1/organizations/current/invitations",
              ownerToken,
              "{\"email\":\"" + memberEmail + "\",\"role\":\"user\"}");
      ledger.invitations.add(UUID.fromString(invited.json.get("id").asText()));
      String invitation = awaitToken(invitationTokens, memberEmail);
      retry(
          "POST",
          "/api/v1/invitations/" + invitation + "/accept",
          memberAuth.json.get("access_token").asText(),
          "{}");
    }

    @Override
    public void run() {
      while (!stopping) {
        try {
          step();
          if (thinkMillis > 0) {
            Thread.sleep(thinkMillis);
          }
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          record("client_error");
        }
      }
    }

    private void step() {
      int roll = ThreadLocalRandom.current().nextInt(100);
      int n = ++sequence;
      if (roll < 25) {
        call("GET", "/api/v1/user/me", ownerToken, null);
      } else if (roll < 40) {
        call("GET", "/api/v1/organizations/current/members", ownerToken, null);
      } else if (roll < 50) {
        call("GET", "/api/v1/organizations/current/invitations?page_size=5", ownerToken, null);
      } else if (roll < 65) {
        Answer answer =
            call(
                "POST",
                "/api/v1/organizations/current/invitations",
                ownerToken,
                "{\"email\":\"c" + index + "-inv" + n + "@bench.example\",\"role\":\"user\"}");
        if (answer.ok()) {
          ledger.invitations.add(UUID.fromString(answer.json.get("id").asText()));
        }
      } else if (roll < 80) {
        String role = ++roleChanges % 2 == 1 ? "manager" : "user";
        Answer answer =
            call(
                "PUT",
                "/api/v1/organizations/current/members/" + member,
                ownerToken,
                "{\"role\":\"" + role + "\"}");
        if (answer.ok()) {
          ledger.acknowledgedRole = role;
          ledger.unacknowledgedRoles.clear();
        } else if (answer.status < 400 || answer.status >= 500) {
          ledger.unacknowledgedRoles.add(role); // may or may not have been applied
        }
      } else if (roll < 88) {
        Answer answer =
            call(
                "POST",
                "/api/v1/organizations/current/notifications/send",
                ownerToken,
                "{\"type\":\"org_owner_to_members\",\"subject\":\"Bench "
                    + n
                    + "\",\"body\":\"Message "
                    + n
                    + " of client "
                    + index
                    + ".\"}");
        if (answer.ok()) {
          ledger.notifications.add(UUID.fromString(answer.json.get("notification_id").asText()));
        }
      } else if (roll < 95) {
        Answer answer =
            call(
                "POST",
                "/api/v1/organizations",
                ownerToken,
                "{\"name\":\"Bench " + index + "-" + n + "\"}");
        if (answer.ok()) {
          ledger.organizations.add(UUID.fromString(answer.json.get("id").asText()));
        }
      } else {
        String email = "c" + index + "-user" + n + "@bench.example";
        Answer answer = call("POST", "/api/v1/auth/register", null, credentials(email));
        if (answer.ok()) {
          ledger.users.add(email);
        }
      }
    }

    boolean roleMissing(Connection db) throws Exception {
      try (PreparedStatement s =
          db.prepareStatement(
              "SELECT role FROM memberships WHERE organization_id = ? AND user_id = ?")) {
        s.setObject(1, organization);
        s.setObject(2, member);
        try (ResultSet row = s.executeQuery()) {
          if (!row.next()) {
            return true;
          }
          String role = row.getString(1);
          return !role.equals(ledger.acknowledgedRole)
              && !ledger.unacknowledgedRoles.contains(role);
        }
      }
    }

    private Answer retry(String method, String path, String token, String body) throws Exception {
      for (int attempt = 0; attempt < 100; attempt++) {
        Answer answer = call(method, path, token, body);
        if (answer.ok()) {
          return answer;
        }
        if (answer.status >= 400 && answer.status < 500 && answer.status != 429) {
          throw new IllegalStateException(
              method + " " + path + " answered " + answer.status + " " + answer.json);
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException(method + " " + path + " never succeeded");
    }

    private Answer call(String method, String path, String token, String body) {
      List<String> bases = rotation;
      String base = bases.get(ThreadLocalRandom.current().nextInt(bases.size()));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .header("X-Forwarded-For", address)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        record(Integer.toString(status));
        if (status >= 200 && status < 300) {
          lastSuccessNanos.set(System.nanoTime());
        }
        if (status >= 500 && status != 503) {
          serverErrors.add(
              phase + ": " + method + " " + path + " -> " + status + " " + response.body());
        }
        JsonNode json = null;
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.contains("json") && !response.body().isEmpty()) {
          json = JSON.readTree(response.body());
        }
        return new Answer(status, json);
      } catch (java.net.http.HttpTimeoutException e) {
        record("timeout");
      } catch (IOException e) {
        record(e instanceof java.net.ConnectException ? "connection_refused" : "connection_lost");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        record("interrupted");
      }
      return new Answer(0, null);
    }
  }

  private void record(String status) {
    statusesByPhase
        .computeIfAbsent(phase, p -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, s -> new LongAdder())
        .increment();
  }

  private static String credentials(String email) {
    return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
  }

  private String awaitToken(Map<String, String> tokens, String email) throws Exception {
    await(() -> tokens.containsKey(email), "the mail to " + email, 120);
    return tokens.get(email);
  }

  // ---- processes, sink, database ----

  private record Proc(String name, Process process, String base) {}

  private Proc startWeb(String name) throws IOException {
    int port = freePort();
    Map<String, String> env = new HashMap<>(environment);
    env.put("PORT", Integer.toString(port));
    Process process =
        launch(
            "api/target/atrium-api-0.1.0-SNAPSHOT-all.jar",
            env,
            name,
            "-Datrium.access.level=WARN");
    Proc web = new Proc(name, process, "http://127.0.0.1:" + port);
    all.add(web);
    return web;
  }

  private Proc startWorker(String name) throws IOException {
    Process process =
        launch(
            "worker/target/atrium-worker-0.1.0-SNAPSHOT-all.jar", new HashMap<>(environment), name);
    Proc worker = new Proc(name, process, null);
    all.add(worker);
    return worker;
  }

  private Process launch(String jar, Map<String, String> env, String name, String... options)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("java", "-Xmx384m"));
    command.addAll(List.of(options));
    command.addAll(List.of("-jar", jar));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile());
    return builder.start();
  }

  private void awaitReady(Proc web) throws Exception {
    await(
        () -> {
          try {
            return http.send(
                        HttpRequest.newBuilder(URI.create(web.base + "/ready"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 200;
          } catch (IOException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        },
        web.name + " to be ready",
        120);
  }

  private void startSink() {
    GreenMailUser counter =
        new UserImpl(
            "sink@bench.example", "sink", "sink", sink.getUserManager().getImapHostManager()) {
          @Override
          public void deliver(MovingMessage message) {}
        };
    sink.getUserManager()
        .setMessageDeliveryHandler(
            (message, recipient) -> {
              try {
                String id = message.getMessage().getMessageID();
                receivedByMessageId.computeIfAbsent(id, k -> new LongAdder()).increment();
                String text = text(message.getMessage());
                remember(VERIFY.matcher(text), verifyTokens, recipient.getEmail());
                remember(INVITATION.matcher(text), invitationTokens, recipient.getEmail());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              return counter;
            });
    sink.start();
  }

  private static void remember(Matcher matcher, Map<String, String> tokens, String email) {
    if (matcher.find()) {
      tokens.put(email, matcher.group(1));
    }
  }

  private static String text(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return String.valueOf(part.getContent());
    }
    if (part.getContent() instanceof Multipart multipart) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        text.append(text(body));
      }
      return text.toString();
    }
    return "";
  }

  private static Set<String> messageIds(Set<String> keys, Map<String, String> messageIdOfKey) {
    Set<String> ids = new HashSet<>();
    for (String key : keys) {
      if (messageIdOfKey.containsKey(key)) {
        ids.add(messageIdOfKey.get(key));
      }
    }
    return ids;
  }

  /** The message keys of the mail jobs a worker process (any, for -1) is running now. */
  private List<String> runningMailKeys(long pid) throws Exception {
    List<String> keys = new ArrayList<>();
    try (Connection db = postgres.connect("atrium");
        PreparedStatement s =
            db.prepareStatement(
                "SELECT args->>'message_key' FROM jobs WHERE kind = 'mail.send' AND state = 'running' AND locked_by LIKE ?")) {
      s.setString(1, pid < 0 ? "%" : "%:" + pid + ":%");
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
      }
    } catch (java.sql.SQLException e) {
      System.out.println("could not list the jobs in flight: " + e.getMessage());
    }
    return keys;
  }

  private long pendingJobs() {
    try (Connection db = postgres.connect("atrium")) {
      return count(
          db,
          "SELECT count(*) FROM jobs WHERE state IN ('available', 'running') AND kind IN "
              + DELIVERY_KINDS);
    } catch (Exception e) {
      return -1;
    }
  }

  private static long count(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet row = s.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  private static long missingIds(Connection db, String sql, List<String> values) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setArray(1, db.createArrayOf("text", values.toArray()));
      try (ResultSet row = s.executeQuery()) {
        row.next();
        return values.size() - row.getLong(1);
      }
    }
  }

  private static long missingUuids(Connection db, String sql, List<UUID> values) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setArray(1, db.createArrayOf("uuid", values.toArray()));
      try (ResultSet row = s.executeQuery()) {
        row.next();
        return values.size() - row.getLong(1);
      }
    }
  }

  private static List<String> emails(List<Client> population) {
    List<String> emails = new ArrayList<>();
    population.forEach(c -> emails.addAll(c.ledger.users));
    return emails;
  }

  private static List<UUID> ids(
      List<Client> population, java.util.function.Function<Ledger, List<UUID>> of) {
    List<UUID> ids = new ArrayList<>();
    population.forEach(c -> ids.addAll(of.apply(c.ledger)));
    return ids;
  }

  private void cleanUp() {
    stopping = true;
    for (Proc proc : all) {
      proc.process.destroy();
    }
    for (Proc proc : all) {
      try {
        if (!proc.process.waitFor(30, TimeUnit.SECONDS)) {
          proc.process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sink.stop();
    postgres.destroy();
  }

  private static void await(BooleanSupplier condition, String what, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new java.security.SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static int env(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }

  /**
   * A PostgreSQL cluster of the bench's own: initdb in a temporary directory, started and stopped
   * with pg_ctl on a free port; never the machine's shared server. As root, the tools run as the
   * postgres user (initdb refuses root).
   */
  private static final class PostgresCluster {
    final Path directory;
    final Path log;
    final Path bin;
    final int port;
    final List<String> asOwner;

    final Path keptLog;

    PostgresCluster(Path work, Path keptLog) throws Exception {
      this.directory = work.resolve("pg");
      this.log = work.resolve("postgres.log");
      this.keptLog = keptLog;
      String configured = System.getenv("BENCH_PG_BIN");
      this.bin = configured != null ? Path.of(configured) : newestInstalled();
      this.port = freePort();
      boolean root = "root".equals(System.getProperty("user.name"));
      this.asOwner = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
      Files.createDirectories(directory);
      if (root) {
        run(List.of("chown", "-R", "postgres", work.toString()));
      }
    }

    private static Path newestInstalled() {
      File[] versions = new File("/usr/lib/postgresql").listFiles();
      if (versions == null || versions.length == 0) {
        throw new IllegalStateException(
            "no PostgreSQL under /usr/lib/postgresql: set BENCH_PG_BIN");
      }
      java.util.Arrays.sort(
          versions,
          (a, b) -> Integer.compare(Integer.parseInt(a.getName()), Integer.parseInt(b.getName())));
      return versions[versions.length - 1].toPath().resolve("bin");
    }

    String version() {
      return bin.getParent().getFileName().toString();
    }

    void start() throws Exception {
      pg("initdb", "-D", data(), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
      startAgain();
    }

    void startAgain() throws Exception {
      pg(
          "pg_ctl",
          "-D",
          data(),
          "-l",
          log.toString(),
          "-w",
          "-t",
          "60",
          "-o",
          "-p "
              + port
              + " -k "
              + directory
              + " -c listen_addresses=127.0.0.1 -c max_connections=200",
          "start");
    }

    /**
     * Immediate: what a crash or a failover looks like to the clients; recovery replays the WAL.
     */
    void stop() throws Exception {
      pg(
          "pg_ctl",
          "-D",
          data(),
          "-m",
          System.getenv().getOrDefault("BENCH_PG_STOP_MODE", "immediate"),
          "-w",
          "stop");
    }

    void destroy() {
      try {
        pg("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
      } catch (Exception ignored) {
        // already stopped
      }
      try {
        if (Files.exists(log)) {
          Files.copy(log, keptLog, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException ignored) {
        // the log is a convenience
      }
      try (var paths = Files.walk(directory.getParent())) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary directory
      }
    }

    void createDatabase(String name) throws Exception {
      try (Connection c = connect("postgres");
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
    }

    String jdbcUrl(String database) {
      return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    Connection connect(String database) throws Exception {
      return DriverManager.getConnection(jdbcUrl(database));
    }

    private String data() {
      return directory.resolve("data").toString();
    }

    private void pg(String tool, String... args) throws Exception {
      List<String> command = new ArrayList<>(asOwner);
      command.add(bin.resolve(tool).toString());
      command.addAll(List.of(args));
      run(command);
    }

    private static void run(List<String> command) throws Exception {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    }
  }
}
