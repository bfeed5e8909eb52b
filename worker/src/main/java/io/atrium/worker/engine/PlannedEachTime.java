package io.atrium.worker.engine;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizer;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizerFactory;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizingAnnotation;
import org.postgresql.PGStatement;

/**
 * Has PostgreSQL plan each statement of the annotated DAO when it runs, instead of caching a
 * generic plan per connection. The jobs table swings from empty to a 100,000-job backlog in one
 * batch: a plan cached while it was empty (a sequential scan) then stays until the next
 * autoanalyze, turning every claim into a scan of the backlog. Planning these short statements
 * costs far less than that risk.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SqlStatementCustomizingAnnotation(PlannedEachTime.Factory.class)
public @interface PlannedEachTime {

  final class Factory implements SqlStatementCustomizerFactory {
    private static final StatementCustomizer UNNAMED_STATEMENT =
        new StatementCustomizer() {
          @Override
          public void beforeExecution(PreparedStatement statement, StatementContext context)
              throws SQLException {
            // An unnamed server statement: planned with the actual values at every execution.
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
          }
        };

    @Override
    public SqlStatementCustomizer createForType(Annotation annotation, Class<?> sqlObjectType) {
      return statement -> statement.addCustomizer(UNNAMED_STATEMENT);
    }
  }
}
