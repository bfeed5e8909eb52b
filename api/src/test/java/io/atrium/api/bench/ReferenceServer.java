package io.atrium.api.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.atrium.common.config.DatabaseConfig;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The reference of scripts/bench-api: a bare Javalin endpoint that verifies an HS256 bearer token
 * (the access tokens of the web process, same secret) and reads one row by primary key through
 * HikariCP and Jdbi, on the same database server. Nothing of Atrium's own data path: what a route
 * costs beyond this is the price of that path. Never part of a production jar.
 *
 * <p>Environment: DATABASE_URL, DATABASE_POOL_SIZE (10), JWT_SECRET, REFERENCE_PORT. Prints {@code
 * reference ready on port N} once listening.
 */
public final class ReferenceServer {
  private ReferenceServer() {}

  public static void main(String[] args) {
    int poolSize = Integer.parseInt(System.getenv().getOrDefault("DATABASE_POOL_SIZE", "10"));
    DatabaseConfig database =
        DatabaseConfig.parse("DATABASE_URL", System.getenv("DATABASE_URL"), poolSize);
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(database.jdbcUrl());
    hikari.setUsername(database.username());
    hikari.setPassword(database.password());
    hikari.setMaximumPoolSize(poolSize);
    hikari.setPoolName("reference");
    HikariDataSource pool = new HikariDataSource(hikari);
    Jdbi jdbi = Jdbi.create(pool).installPlugin(new PostgresPlugin());
    JWTVerifier verifier =
        JWT.require(Algorithm.HMAC256(System.getenv("JWT_SECRET").getBytes(StandardCharsets.UTF_8)))
            .build();

    Javalin app =
        Javalin.create(
            config -> {
              config.jetty.port = Integer.parseInt(System.getenv("REFERENCE_PORT"));
              config.routes.get(
                  "/reference",
                  ctx -> {
                    String header = ctx.header("Authorization");
                    UUID userId;
                    try {
                      userId =
                          UUID.fromString(
                              verifier.verify(header.substring("Bearer ".length())).getSubject());
                    } catch (
                        RuntimeException
                            e) { // JWTVerificationException, or no or a malformed header
                      ctx.status(401);
                      return;
                    }
                    Map<String, Object> row =
                        jdbi.withHandle(
                            handle ->
                                handle
                                    .createQuery(
                                        "SELECT id, email, display_name FROM users"
                                            + " WHERE id = :id")
                                    .bind("id", userId)
                                    .mapToMap()
                                    .one());
                    ctx.json(row);
                  });
            });
    app.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  pool.close();
                }));
    System.out.println("reference ready on port " + app.port());
  }
}
