package io.atrium.common.db;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionContext;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.core.extension.HandleSupplier;
import org.jdbi.v3.core.extension.annotation.UseExtensionConfigurer;
import org.jdbi.v3.sqlobject.SqlObjectFactory;

/**
 * Makes {@code handle.attach(SomeDao.class)} cost next to nothing, so that a unit of work can
 * attach its DAOs to each request's handle.
 *
 * <p>Jdbi's SqlObject attach builds, on every call, one invoker per method of the interface, each
 * with its own copy of the configuration and a warm-up of its statement customizers; and the
 * interface's metadata is cached only in the handle's copy of the configuration, so each new handle
 * rebuilds it by reflection. Measured on {@code GET /user/me} (JFR, {@code scripts/bench-api}):
 * most of the web process's CPU. Here each DAO interface is attached once, to a handle supplier
 * that answers the handle of the call in progress on this thread; {@code handle.attach} returns a
 * plain proxy that sets that handle around each call and hands it to the one attached instance.
 *
 * <p>The once-attached instance runs its statements with the handle's own configuration rather than
 * a per-method copy, which is the same thing for a DAO that carries no configuring annotation
 * ({@code @RegisterConstructorMapper} and the like: mappers are registered once on the {@link
 * Jdbi}). A DAO that does carry one is left to Jdbi's own attach, unchanged.
 */
final class AttachedOnceDaos implements ExtensionFactory {
  private final Jdbi jdbi;
  private final ThreadLocal<Handle> calling = new ThreadLocal<>();
  private final Map<Class<?>, Boolean> accepted = new ConcurrentHashMap<>();
  private final Map<Class<?>, InvocationHandler> attached = new ConcurrentHashMap<>();
  private final HandleSupplier callingHandle = new CallingHandle();

  private AttachedOnceDaos(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Registers the factory ahead of Jdbi's SqlObject factory (installed before). */
  static void install(Jdbi jdbi) {
    jdbi.registerExtension(new AttachedOnceDaos(jdbi));
  }

  @Override
  public boolean accepts(Class<?> extensionType) {
    return accepted.computeIfAbsent(extensionType, AttachedOnceDaos::plainSqlObject);
  }

  @Override
  public Set<FactoryFlag> getFactoryFlags() {
    return EnumSet.of(FactoryFlag.DONT_USE_PROXY);
  }

  @Override
  public <E> E attach(Class<E> extensionType, HandleSupplier handleSupplier) {
    Handle handle = handleSupplier.getHandle();
    InvocationHandler target = attached.computeIfAbsent(extensionType, this::attachOnce);
    Object proxy =
        Proxy.newProxyInstance(
            extensionType.getClassLoader(),
            new Class<?>[] {extensionType},
            (self, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return objectMethod(self, method, args, extensionType, handle);
              }
              Handle outer = calling.get();
              calling.set(handle);
              try {
                return target.invoke(self, method, args);
              } finally {
                if (outer == null) {
                  calling.remove();
                } else {
                  calling.set(outer);
                }
              }
            });
    return extensionType.cast(proxy);
  }

  private InvocationHandler attachOnce(Class<?> extensionType) {
    ExtensionFactory sqlObjects =
        jdbi.getConfig(Extensions.class)
            .findFactory(SqlObjectFactory.class)
            .orElseThrow(() -> new IllegalStateException("the SqlObject plugin is not installed"));
    Object instance = sqlObjects.attach(extensionType, callingHandle);
    return Proxy.getInvocationHandler(instance);
  }

  private static Object objectMethod(
      Object self, Method method, Object[] args, Class<?> type, Handle handle) {
    return switch (method.getName()) {
      case "equals" -> self == args[0];
      case "hashCode" -> System.identityHashCode(self);
      default -> type.getName() + " on " + handle;
    };
  }

  /** An interface of SqlObject methods only, with no annotation that configures Jdbi. */
  private static boolean plainSqlObject(Class<?> type) {
    if (!type.isInterface() || configures(type)) {
      return false;
    }
    boolean sqlMethods = false;
    for (Method method : type.getMethods()) {
      if (configures(method)) {
        return false;
      }
      sqlMethods |= Arrays.stream(method.getAnnotations()).anyMatch(AttachedOnceDaos::statement);
    }
    return sqlMethods;
  }

  private static boolean statement(Annotation annotation) {
    return annotation.annotationType().getPackageName().equals("org.jdbi.v3.sqlobject.statement");
  }

  private static boolean configures(AnnotatedElement element) {
    for (Annotation annotation : element.getAnnotations()) {
      Class<? extends Annotation> kind = annotation.annotationType();
      if (kind.isAnnotationPresent(UseExtensionConfigurer.class)
          || kind.isAnnotationPresent(org.jdbi.v3.sqlobject.config.ConfiguringAnnotation.class)) {
        return true;
      }
      // a repeated configuring annotation comes in its container
      try {
        Method value = kind.getMethod("value");
        if (value.getReturnType().isArray()
            && value.getReturnType().getComponentType().isAnnotation()
            && value
                .getReturnType()
                .getComponentType()
                .isAnnotationPresent(UseExtensionConfigurer.class)) {
          return true;
        }
      } catch (NoSuchMethodException notAContainer) {
        // a plain annotation
      }
    }
    return false;
  }

  /** The handle of the DAO call in progress on this thread. */
  private final class CallingHandle implements HandleSupplier {
    @Override
    public Handle getHandle() {
      Handle handle = calling.get();
      if (handle == null) {
        throw new IllegalStateException("a DAO method ran outside a call through its handle");
      }
      return handle;
    }

    @Override
    public Jdbi getJdbi() {
      return jdbi;
    }

    @Override
    public ConfigRegistry getConfig() {
      return jdbi.getConfig();
    }

    @Override
    public <V> V invokeInContext(ExtensionContext extensionContext, Callable<V> task)
        throws Exception {
      return task.call();
    }
  }
}
