package io.atrium.api.support;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback proxy in front of PostgreSQL that reads what the client sends (the frontend messages
 * of the wire protocol) and counts statements and round trips: a simple query ({@code Q}) is one of
 * each; in the extended protocol every {@code Execute} is a statement and every {@code Sync} a
 * round trip, since the driver waits for the server only there. Answers pass through untouched.
 */
public final class PgWireMeter implements AutoCloseable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong statements = new AtomicLong();
  private final AtomicLong roundTrips = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final List<String> parsed = new CopyOnWriteArrayList<>();
  private volatile boolean open = true;

  public PgWireMeter(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    Thread acceptor = new Thread(this::accept, "pg-wire-meter");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Statements, round trips and new server connections since the start. */
  public Counts counts() {
    return new Counts(statements.get(), roundTrips.get(), connections.get());
  }

  public record Counts(long statements, long roundTrips, long connections) {
    public Counts minus(Counts before) {
      return new Counts(
          statements - before.statements,
          roundTrips - before.roundTrips,
          connections - before.connections);
    }
  }

  private void accept() {
    while (open) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(upstream);
        connections.incrementAndGet();
        thread(() -> meterFrontend(client, upstream));
        thread(() -> pipe(upstream, client));
      } catch (IOException e) {
        if (!open) {
          return;
        }
      }
    }
  }

  /** Untyped messages (SSL or GSS request, startup) until the startup, then typed ones. */
  private void meterFrontend(Socket client, Socket upstream) {
    try (DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = new java.io.BufferedOutputStream(upstream.getOutputStream())) {
      boolean started = false;
      while (!started) {
        int length = in.readInt();
        byte[] body = in.readNBytes(length - 4);
        int code =
            ((body[0] & 0xff) << 24)
                | ((body[1] & 0xff) << 16)
                | ((body[2] & 0xff) << 8)
                | (body[3] & 0xff);
        writeInt(out, length);
        out.write(body);
        out.flush();
        started = code != SSL_REQUEST && code != GSS_REQUEST;
      }
      while (true) {
        int type = in.read();
        if (type < 0) {
          return;
        }
        int length = in.readInt();
        byte[] body = in.readNBytes(length - 4);
        switch (type) {
          case 'Q' -> {
            parsed.add(text(body, 0));
            statements.incrementAndGet();
            roundTrips.incrementAndGet();
          }
          case 'E' -> statements.incrementAndGet();
          case 'P' -> parsed.add(text(body, 1));
          case 'S' -> roundTrips.incrementAndGet();
          default -> {}
        }
        out.write(type);
        writeInt(out, length);
        out.write(body);
        out.flush();
      }
    } catch (EOFException ignored) {
      // the client went away
    } catch (IOException ignored) {
      // one side closed
    } finally {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  /**
   * The texts the client sent since the last call (parsed or simply queried); a statement the
   * driver has prepared on the server before runs without its text.
   */
  public List<String> drainTexts() {
    List<String> texts = List.copyOf(parsed);
    parsed.removeAll(texts);
    return texts;
  }

  /** The {@code skip}-th null-terminated string of a message body (0: the first). */
  private static String text(byte[] body, int skip) {
    int start = 0;
    for (int i = 0; i < skip; i++) {
      while (body[start] != 0) {
        start++;
      }
      start++;
    }
    int end = start;
    while (end < body.length && body[end] != 0) {
      end++;
    }
    return new String(body, start, end - start, java.nio.charset.StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ")
        .strip();
  }

  private static void pipe(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException ignored) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void writeInt(OutputStream out, int value) throws IOException {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }

  private static void thread(Runnable body) {
    Thread thread = new Thread(body, "pg-wire-meter-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    open = false;
    sockets.forEach(PgWireMeter::closeQuietly);
    closeQuietly(server);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already closed
    }
  }
}
