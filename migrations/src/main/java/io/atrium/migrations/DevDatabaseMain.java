package io.atrium.migrations;

import io.atrium.common.config.DevFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * The development database of scripts/run: an embedded PostgreSQL whose data lives in {@code
 * var/pg} and survives restarts. Its JDBC URL is written to {@code var/dev-database-url}, where
 * web, worker and release find it when DATABASE_URL is unset. Runs until SIGTERM.
 */
public final class DevDatabaseMain {
  private static final int PREFERRED_PORT = 54329;

  private DevDatabaseMain() {}

  public static void main(String[] args) throws Exception {
    DevFiles devFiles = new DevFiles(Path.of(System.getProperty("atrium.var", "var")));
    Path dataDirectory = devFiles.directory().resolve("pg");
    Files.createDirectories(dataDirectory);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(freePort())
            .start();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'atrium'")) {
        if (!rows.next()) {
          statement.execute("CREATE DATABASE atrium");
        }
      }
    }
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/atrium?user=postgres";
    devFiles.writeDatabaseUrl(url);
    System.out.println("development database ready: " + url + " (data in " + dataDirectory + ")");

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  devFiles.clearDatabaseUrl();
                  try {
                    postgres.close();
                  } catch (IOException e) {
                    System.err.println("stopping the development database: " + e.getMessage());
                  }
                  stopped.countDown();
                }));
    stopped.await();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(PREFERRED_PORT)) {
      return PREFERRED_PORT;
    } catch (IOException taken) {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }
}
