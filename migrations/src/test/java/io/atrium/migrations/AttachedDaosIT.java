package io.atrium.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atrium.common.config.DatabaseConfig;
import io.atrium.common.db.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A DAO attached to a handle runs on that handle and no other, however many handles attach the same
 * interface at once (the attach is shared, the handle is not); a DAO that configures Jdbi through
 * annotations still gets its configuration.
 */
class AttachedDaosIT {
  private static Database database;
  private static Jdbi jdbi;

  public record Note(long id, String text) {}

  public interface NoteDao {
    @SqlUpdate("INSERT INTO attached_daos_notes (id, text) VALUES (:id, :text)")
    void insert(@Bind("id") long id, @Bind("text") String text);

    @SqlQuery("SELECT id, text FROM attached_daos_notes WHERE id = :id")
    Optional<Note> find(@Bind("id") long id);

    @SqlQuery("SELECT pg_backend_pid()")
    int backend();

    default Note insertAndRead(long id, String text) {
      insert(id, text);
      return find(id).orElseThrow();
    }
  }

  public static final class Shouted {
    final String text;

    public Shouted(String text) {
      this.text = text.toUpperCase(java.util.Locale.ROOT);
    }
  }

  @RegisterConstructorMapper(Shouted.class)
  public interface ConfiguredDao {
    @SqlQuery("SELECT text FROM attached_daos_notes ORDER BY id")
    List<Shouted> all();
  }

  @BeforeAll
  static void open() {
    database =
        Database.open(
            new DatabaseConfig(TestDatabase.get().jdbcUrl(), null, null, 4),
            "attached",
            new SimpleMeterRegistry());
    jdbi = database.jdbi();
    jdbi.useHandle(
        h ->
            h.execute(
                "CREATE TABLE IF NOT EXISTS attached_daos_notes (id bigint PRIMARY KEY, text text)"));
  }

  @AfterAll
  static void close() {
    jdbi.useHandle(h -> h.execute("DROP TABLE attached_daos_notes"));
    database.close();
  }

  @Test
  void eachAttachedDaoRunsOnItsOwnHandleAndTransaction() {
    try (Handle first = jdbi.open();
        Handle second = jdbi.open()) {
      NoteDao onFirst = first.attach(NoteDao.class);
      NoteDao onSecond = second.attach(NoteDao.class);
      assertThat(onFirst.backend()).isNotEqualTo(onSecond.backend());
      assertThat(onFirst.backend())
          .isEqualTo(first.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one());

      first.begin();
      assertThat(onFirst.insertAndRead(1, "uncommitted")).isEqualTo(new Note(1, "uncommitted"));
      // the other handle's DAO reads its own connection: the insert is not committed yet
      assertThat(onSecond.find(1)).isEmpty();
      // a DAO call inside another DAO's call on another handle keeps each on its own
      Optional<Note> seenBySecond =
          second.inTransaction(
              h -> {
                assertThat(onFirst.find(1)).isPresent();
                return onSecond.find(1);
              });
      assertThat(seenBySecond).isEmpty();
      first.commit();
      assertThat(onSecond.find(1)).contains(new Note(1, "uncommitted"));
    }
  }

  @Test
  void aDaoKeptPastItsHandleFailsInsteadOfTakingAnother() {
    NoteDao stale;
    try (Handle handle = jdbi.open()) {
      stale = handle.attach(NoteDao.class);
      stale.backend();
    }
    assertThatThrownBy(stale::backend).isInstanceOf(RuntimeException.class);
  }

  @Test
  void aDaoThatConfiguresJdbiKeepsItsConfiguration() {
    jdbi.useHandle(h -> h.attach(NoteDao.class).insert(2, "quiet"));
    List<Shouted> all = jdbi.withHandle(h -> h.attach(ConfiguredDao.class).all());
    assertThat(all).extracting(s -> s.text).contains("QUIET");
  }
}
