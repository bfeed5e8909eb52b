package io.atrium.common.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Everything logged in this JVM while open, as the text a log drain would get: level, logger, MDC,
 * the formatted message and the whole stack trace with every cause's message. Shared by the secret
 * scans of the web process's and the worker's logs.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final PatternLayout layout = new PatternLayout();
  private final Logger root;

  private LogCapture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    layout.setContext(context);
    layout.setPattern("%level %logger %mdc %msg%n%ex{full}");
    layout.start();
    setContext(context);
    setName("capture-" + System.identityHashCode(this));
    start();
    root.addAppender(this);
  }

  public static LogCapture open() {
    return new LogCapture();
  }

  @Override
  protected void append(ILoggingEvent event) {
    events.add(layout.doLayout(event));
  }

  public String text() {
    return String.join("", events);
  }

  /** One entry per logged event: its line and, when it has one, its stack trace. */
  public List<String> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
