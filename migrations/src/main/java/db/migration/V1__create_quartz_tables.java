package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;

/**
 * Creates Quartz's JDBC job store from the {@code tables_postgres.sql} shipped inside the Quartz
 * jar, so the project never carries a pasted copy of Quartz's schema. Its DROP and COMMIT
 * statements are skipped: Flyway owns the transaction and nothing exists yet to drop.
 */
public class V1__create_quartz_tables extends BaseJavaMigration {
  private static final String SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement statement = context.getConnection().createStatement()) {
      for (String sql : statements(readScript())) {
        statement.execute(sql);
      }
    }
  }

  static List<String> statements(String script) {
    String withoutComments =
        Arrays.stream(script.split("\n"))
            .filter(line -> !line.trim().startsWith("--"))
            .reduce("", (all, line) -> all + line + "\n");
    return Arrays.stream(withoutComments.split(";"))
        .map(String::trim)
        .filter(sql -> !sql.isEmpty())
        .filter(sql -> !sql.toUpperCase().startsWith("DROP "))
        .filter(sql -> !sql.equalsIgnoreCase("COMMIT"))
        .toList();
  }

  private static String readScript() throws IOException {
    try (InputStream in = PostgreSQLDelegate.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is not on the classpath (is Quartz there?)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
