package io.atrium.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of the test database, which a test can cut to play a database that
 * goes away, or read (a {@link Tap} on what clients send) to count what a route costs.
 */
public final class TcpProxy implements AutoCloseable {
  /** Relays what one client sends to the server; the server's answers pass through untouched. */
  @FunctionalInterface
  public interface Tap {
    void relay(InputStream fromClient, OutputStream toServer) throws IOException;
  }

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final Tap tap;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean open = true;

  private TcpProxy(String targetHost, int targetPort, Tap tap) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.tap = tap;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    Thread acceptor = new Thread(this::accept, "tcp-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy to the database of {@code app}, passing everything through. */
  public static TcpProxy toDatabaseOf(TestApp app) throws IOException {
    return toDatabaseOf(app, InputStream::transferTo);
  }

  public static TcpProxy toDatabaseOf(TestApp app, Tap tap) throws IOException {
    URI database = databaseUri(app);
    return new TcpProxy(database.getHost(), database.getPort(), tap);
  }

  /** The JDBC URL of {@code app}'s database, through this proxy. */
  public String jdbcUrlFor(TestApp app) {
    return app.database()
        .jdbcUrl()
        .replace(":" + databaseUri(app).getPort() + "/", ":" + port() + "/");
  }

  public int port() {
    return server.getLocalPort();
  }

  private static URI databaseUri(TestApp app) {
    return URI.create(app.database().jdbcUrl().substring("jdbc:".length()));
  }

  private void accept() {
    while (open) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        // A connection accepted while close() runs must not outlive it.
        synchronized (this) {
          if (!open) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
          }
          sockets.add(client);
          sockets.add(upstream);
        }
        pipe(client, upstream, tap);
        pipe(upstream, client, InputStream::transferTo);
      } catch (IOException e) {
        if (!open) {
          return;
        }
      }
    }
  }

  private void pipe(Socket from, Socket to, Tap relay) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                relay.relay(in, out);
              } catch (IOException ignored) {
                // one side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  /** Drops every connection and refuses new ones. */
  @Override
  public void close() {
    synchronized (this) {
      open = false;
      sockets.forEach(TcpProxy::closeQuietly);
    }
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
