package io.atrium.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsIT {
  private final TestDatabase database = TestDatabase.get();

  @Test
  void quartzTablesComeFromTheQuartzJar() {
    List<String> tables =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT tablename FROM pg_tables WHERE tablename LIKE 'qrtz_%' ORDER BY 1")
                        .mapTo(String.class)
                        .list());
    assertThat(tables)
        .contains("qrtz_job_details", "qrtz_triggers", "qrtz_locks", "qrtz_scheduler_state");
  }

  @Test
  void aMigratedSchemaIsCurrentAndAnEmptyOneIsNot() {
    Migrations migrations = new Migrations(database.dataSource());
    Migrations.SchemaCheck check = migrations.requireCurrent();
    assertThat(check.isCurrent(database.dataSource())).isTrue();
    assertThat(new Migrations.SchemaCheck("9999").isCurrent(database.dataSource())).isFalse();
  }
}
