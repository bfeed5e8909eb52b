package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.api.support.TestApp;
import io.atrium.migrations.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web process as the Procfile runs it (ApiMain in its own JVM), sent SIGTERM with a request in
 * hand: the request completes, /ready answers 503 meanwhile, new connections are not accepted, and
 * the process exits 0.
 */
class GracefulShutdownIT {
  private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)/");

  @Test
  void sigtermDrainsTheRequestsInHandAndExitsZero() throws Exception {
    TestDatabase database = TestDatabase.get();
    Path log = Files.createTempFile("atrium-web-drain", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            ApiMain.class.getName());
    builder.environment().putAll(environment(database));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process web = builder.start();
    try {
      int port = awaitPort(web, log);
      try (Socket router = connect(port);
          Socket slow = connect(port)) {
        // A keep-alive connection, as a router holds one, and a request whose body is on its way.
        assertThat(exchange(router, get("/ready"))).startsWith("HTTP/1.1 200");
        String body = "{\"email\":\"slow@example.com\",\"password\":\"not the right one!\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = slow.getOutputStream();
        out.write(
            ("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: "
                    + bytes.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, 0, 10);
        out.flush();

        web.toHandle().destroy(); // SIGTERM
        String ready = awaitDraining(router);
        assertThat(ready).startsWith("HTTP/1.1 503").contains("application/problem+json");
        assertThat(acceptsNewConnections(port)).as("accepts new connections").isFalse();

        out.write(bytes, 10, bytes.length - 10);
        out.flush();
        String answer = readResponse(slow.getInputStream());
        assertThat(answer).startsWith("HTTP/1.1 401").contains("invalid_credentials");
      }
      assertThat(web.waitFor(40, TimeUnit.SECONDS)).as("exited").isTrue();
      assertThat(web.exitValue()).as(Files.readString(log)).isZero();
      assertThat(Files.readString(log))
          .contains("SIGTERM: draining")
          .contains("web process stopped");
    } finally {
      web.destroyForcibly();
    }
  }

  private static java.util.Map<String, String> environment(TestDatabase database) {
    return java.util.Map.of(
        "PORT", "0",
        "DATABASE_URL", database.jdbcUrl(),
        "JWT_SECRET", TestApp.JWT_SECRET,
        "CREDENTIALS_ENCRYPTION_KEY", TestApp.CREDENTIALS_KEY,
        "MAIL_TRANSPORT", "file",
        "LOG_FORMAT", "text",
        "DATABASE_POOL_SIZE", "2");
  }

  /** Polls /ready on the open connection until the drain answers it (the signal is async). */
  private static String awaitDraining(Socket router) throws IOException, InterruptedException {
    for (int i = 0; i < 200; i++) {
      String response = exchange(router, get("/ready"));
      if (!response.startsWith("HTTP/1.1 200")) {
        return response;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("/ready still answered 200 after SIGTERM");
  }

  private static boolean acceptsNewConnections(int port) {
    try (Socket socket = connect(port)) {
      String response = exchange(socket, get("/ready"));
      return response.startsWith("HTTP/1.1 200");
    } catch (ConnectException refused) {
      return false;
    } catch (IOException closed) {
      return false;
    }
  }

  private static int awaitPort(Process web, Path log) throws Exception {
    for (int i = 0; i < 600; i++) {
      Matcher matcher = LISTENING.matcher(Files.readString(log));
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      if (!web.isAlive()) {
        throw new AssertionError("the web process exited: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the web process did not start: " + Files.readString(log));
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(30_000);
    return socket;
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  }

  private static String exchange(Socket socket, String request) throws IOException {
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return readResponse(socket.getInputStream());
  }

  /** One HTTP/1.1 response with a Content-Length or chunked body, read byte by byte. */
  private static String readResponse(InputStream in) throws IOException {
    List<String> head = new ArrayList<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      head.add(line);
    }
    if (head.isEmpty()) {
      throw new IOException("connection closed without a response");
    }
    int length = 0;
    boolean chunked = false;
    for (String header : head) {
      String lower = header.toLowerCase();
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line(in).trim(), 16);
          size > 0;
          size = Integer.parseInt(line(in).trim(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
      line(in);
    } else {
      body.write(in.readNBytes(length));
    }
    return String.join("\r\n", head) + "\r\n\r\n" + body.toString(StandardCharsets.UTF_8);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }
}
