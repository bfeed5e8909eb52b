package io.atrium.common.db;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.RowMapperFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps any record from a row by its canonical constructor, a column per component, matched by name
 * as Jdbi's {@code ConstructorMapper} does ({@code display_name} or {@code displayName} for {@code
 * displayName}). Registered once on the {@code Jdbi}, so no DAO registers mappers per call.
 *
 * <p>Why not {@code ConstructorMapper}: registered per DAO ({@code @RegisterConstructorMapper}) it
 * was rebuilt, with its reflection, for every call on a fresh handle configuration; registered once
 * it still looks up a column mapper per column through Jdbi's qualified-type machinery for every
 * result set, and on new handles rebuilds itself from a cold cache (measured: more CPU per query
 * than the query's JDBC work). Here the constructor handle and one reader per component are
 * resolved once per record type; a result set only matches labels to indexes.
 */
public final class RecordMappers implements RowMapperFactory {
  private final Map<Class<?>, RecordMapper<?>> mappers = new ConcurrentHashMap<>();

  @Override
  public Optional<RowMapper<?>> build(Type type, ConfigRegistry config) {
    if (!(type instanceof Class<?> raw) || !raw.isRecord()) {
      return Optional.empty();
    }
    return Optional.of(mappers.computeIfAbsent(raw, RecordMapper::new));
  }

  /** Reads one column of a type the mapper knows without asking Jdbi. */
  @FunctionalInterface
  private interface Reader {
    Object read(ResultSet rows, int column) throws SQLException;
  }

  private static final class RecordMapper<T> implements RowMapper<T> {
    private final Class<T> type;
    private final String[] names;
    private final Type[] types;
    private final Reader[] readers;
    private final MethodHandle constructor;

    RecordMapper(Class<T> type) {
      this.type = type;
      RecordComponent[] components = type.getRecordComponents();
      names = new String[components.length];
      types = new Type[components.length];
      readers = new Reader[components.length];
      Class<?>[] parameters = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        names[i] = normalized(components[i].getName());
        types[i] = components[i].getGenericType();
        parameters[i] = components[i].getType();
        readers[i] = reader(components[i].getType());
      }
      try {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        constructor =
            lookup
                .findConstructor(type, MethodType.methodType(void.class, parameters))
                .asSpreader(Object[].class, components.length);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("no canonical constructor to map " + type, e);
      }
    }

    @Override
    public T map(ResultSet rows, StatementContext context) throws SQLException {
      return specialize(rows, context).map(rows, context);
    }

    @Override
    public RowMapper<T> specialize(ResultSet rows, StatementContext context) throws SQLException {
      ResultSetMetaData metadata = rows.getMetaData();
      int[] columns = new int[names.length];
      for (int column = 1; column <= metadata.getColumnCount(); column++) {
        String label = normalized(metadata.getColumnLabel(column));
        for (int i = 0; i < names.length; i++) {
          if (columns[i] == 0 && names[i].equals(label)) {
            columns[i] = column;
          }
        }
      }
      Reader[] bound = new Reader[names.length];
      for (int i = 0; i < names.length; i++) {
        if (columns[i] == 0) {
          throw new IllegalArgumentException(
              type.getSimpleName() + "." + names[i] + " has no column in the result");
        }
        bound[i] = readers[i] != null ? readers[i] : jdbiReader(types[i], context);
      }
      return (resultRows, resultContext) -> {
        Object[] values = new Object[bound.length];
        for (int i = 0; i < bound.length; i++) {
          values[i] = bound[i].read(resultRows, columns[i]);
        }
        try {
          @SuppressWarnings("unchecked")
          T value = (T) constructor.invoke(values);
          return value;
        } catch (RuntimeException | Error | SQLException e) {
          throw e;
        } catch (Throwable e) {
          throw new IllegalStateException("constructing " + type.getSimpleName() + " failed", e);
        }
      };
    }

    /** A type this class does not read itself: Jdbi's column mapper, once per result set. */
    private static Reader jdbiReader(Type type, StatementContext context) {
      ColumnMapper<?> mapper =
          context
              .findColumnMapperFor(type)
              .orElseThrow(() -> new IllegalArgumentException("no column mapper for " + type));
      return (rows, column) -> mapper.map(rows, column, context);
    }
  }

  private static Reader reader(Class<?> type) {
    if (type == String.class) {
      return ResultSet::getString;
    }
    if (type == UUID.class) {
      return (rows, column) -> rows.getObject(column, UUID.class);
    }
    if (type == Instant.class) {
      return (rows, column) -> {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
      };
    }
    if (type == OffsetDateTime.class) {
      return (rows, column) -> rows.getObject(column, OffsetDateTime.class);
    }
    if (type == int.class) {
      return ResultSet::getInt;
    }
    if (type == long.class) {
      return ResultSet::getLong;
    }
    if (type == boolean.class) {
      return ResultSet::getBoolean;
    }
    if (type == double.class) {
      return ResultSet::getDouble;
    }
    if (type == Integer.class) {
      return (rows, column) -> nullable(rows, rows.getInt(column));
    }
    if (type == Long.class) {
      return (rows, column) -> nullable(rows, rows.getLong(column));
    }
    if (type == Boolean.class) {
      return (rows, column) -> nullable(rows, rows.getBoolean(column));
    }
    if (type == Double.class) {
      return (rows, column) -> nullable(rows, rows.getDouble(column));
    }
    if (type == BigDecimal.class) {
      return ResultSet::getBigDecimal;
    }
    if (type == byte[].class) {
      return ResultSet::getBytes;
    }
    return null;
  }

  private static Object nullable(ResultSet rows, Object value) throws SQLException {
    return rows.wasNull() ? null : value;
  }

  private static String normalized(String name) {
    return name.replace("_", "").toLowerCase(Locale.ROOT);
  }
}
