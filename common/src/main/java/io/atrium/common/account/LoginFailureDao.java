package io.atrium.common.account;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Failed logins per (email, address), and per email across addresses (address ''). */
public interface LoginFailureDao {
  String ACCOUNT_WIDE = "";

  record Failures(String address, int failures, Instant windowStartedAt, Instant lastFailedAt) {}

  @SqlQuery(
      """
      SELECT address, failures, window_started_at, last_failed_at FROM login_failures
       WHERE email = :email AND address IN (:address, '')
      """)
  @RegisterConstructorMapper(Failures.class)
  List<Failures> find(@Bind("email") String email, @Bind("address") String address);

  /**
   * Counts one failure in the row of {@code address}; a row whose window began before {@code
   * windowStart} starts over at one.
   */
  @SqlUpdate(
      """
      INSERT INTO login_failures (email, address, failures, window_started_at, last_failed_at)
      VALUES (:email, :address, 1, :now, :now)
      ON CONFLICT (email, address) DO UPDATE SET
          failures = CASE WHEN login_failures.window_started_at < :windowStart THEN 1
                          ELSE login_failures.failures + 1 END,
          window_started_at = CASE WHEN login_failures.window_started_at < :windowStart THEN :now
                                   ELSE login_failures.window_started_at END,
          last_failed_at = :now
      """)
  void count(
      @Bind("email") String email,
      @Bind("address") String address,
      @Bind("now") Instant now,
      @Bind("windowStart") Instant windowStart);

  @SqlUpdate("DELETE FROM login_failures WHERE email = :email AND address IN (:address, '')")
  void clear(@Bind("email") String email, @Bind("address") String address);

  @SqlUpdate("DELETE FROM login_failures WHERE email = :email")
  void clearAll(@Bind("email") String email);

  @SqlUpdate(
      """
      DELETE FROM login_failures WHERE ctid IN (
        SELECT ctid FROM login_failures WHERE last_failed_at < :before LIMIT :limit)
      """)
  int pruneBefore(@Bind("before") Instant before, @Bind("limit") int limit);
}
