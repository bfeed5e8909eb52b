package io.atrium.api.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Everything logged in this JVM while open, as the text a log drain would get: level, logger, MDC,
 * the formatted message and the whole stack trace with every cause's message.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final StringBuffer text = new StringBuffer();
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
    text.append(layout.doLayout(event));
  }

  public String text() {
    return text.toString();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
