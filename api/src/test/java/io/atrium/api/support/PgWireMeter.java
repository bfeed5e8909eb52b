package io.atrium.api.support;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TcpProxy} tap that reads what clients send PostgreSQL (the frontend messages of the wire
 * protocol) and counts statements and round trips: a simple query ({@code Q}) is one of each; in
 * the extended protocol every {@code Execute} is a statement and every {@code Sync} a round trip,
 * since the driver waits for the server only there.
 */
public final class PgWireMeter implements TcpProxy.Tap {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;

  private final AtomicLong statements = new AtomicLong();
  private final AtomicLong roundTrips = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final List<String> parsed = new CopyOnWriteArrayList<>();

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

  /**
   * The texts the clients sent since the last call (parsed or simply queried); a statement the
   * driver has prepared on the server before runs without its text.
   */
  public List<String> drainTexts() {
    List<String> texts = List.copyOf(parsed);
    parsed.removeAll(texts);
    return texts;
  }

  /** Untyped messages (SSL or GSS request, startup) until the startup, then typed ones. */
  @Override
  public void relay(InputStream fromClient, OutputStream toServer) throws IOException {
    connections.incrementAndGet();
    DataInputStream in = new DataInputStream(fromClient);
    OutputStream out = new BufferedOutputStream(toServer);
    try {
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
          case 'P' -> parsed.add(text(body, 1));
          case 'E' -> statements.incrementAndGet();
          case 'S' -> roundTrips.incrementAndGet();
          default -> {}
        }
        out.write(type);
        writeInt(out, length);
        out.write(body);
        out.flush();
      }
    } catch (EOFException clientGone) {
      // the client closed its connection
    }
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
    return new String(body, start, end - start, StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ")
        .strip();
  }

  private static void writeInt(OutputStream out, int value) throws IOException {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }
}
