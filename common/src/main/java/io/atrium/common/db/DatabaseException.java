package io.atrium.common.db;

import java.sql.SQLException;

/**
 * An {@link SQLException} from one of the few statements run on plain JDBC rather than Jdbi. The
 * HTTP layer looks through it at the cause, as it does through Jdbi's exceptions: a lost database
 * still answers 503.
 */
public final class DatabaseException extends RuntimeException {
  public DatabaseException(String message, SQLException cause) {
    super(message, cause);
  }
}
