package io.atrium.common.logging;

import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The names under which a thread's log context (SLF4J's MDC) carries the request and the job it
 * works for. The web process puts the request id there for the length of a request; jobs enqueued
 * on that thread store it, and the worker puts it back around their handlers, so one id follows a
 * request from the API to the SMTP server.
 */
public final class LogContext {
  public static final String REQUEST_ID = "request_id";
  public static final String JOB_ID = "job_id";

  /** What an id may look like to be passed on: the web process accepts no other. */
  private static final Pattern VALID_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

  private LogContext() {}

  /** The request id of the current thread's log context, when it holds a valid one. */
  public static Optional<String> requestId() {
    return Optional.ofNullable(MDC.get(REQUEST_ID)).filter(LogContext::validRequestId);
  }

  public static boolean validRequestId(String id) {
    return id != null && VALID_REQUEST_ID.matcher(id).matches();
  }
}
