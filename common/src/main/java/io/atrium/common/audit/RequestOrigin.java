package io.atrium.common.audit;

/** Where a request came from, for the audit log and session records. */
public record RequestOrigin(String ip, String userAgent, String requestId) {
  public static final RequestOrigin SYSTEM = new RequestOrigin(null, null, null);
}
