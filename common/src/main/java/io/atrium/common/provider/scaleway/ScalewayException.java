package io.atrium.common.provider.scaleway;

import java.time.Duration;
import java.util.Optional;

/**
 * What went wrong with one Scaleway call, exactly. Only {@link NotFound} means "absent"; {@link
 * Unauthorized}, {@link Forbidden}, {@link RateLimited} and {@link ProviderUnavailable} mean
 * "unknown" (nothing may change state on them); {@link Rejected} is any other 4xx, a request the
 * provider refused as it stands (invalid arguments, an action the state does not allow now, a
 * volume still in use).
 *
 * <p>Messages name the method, the path (never the secret key) and Scaleway's {@code type} and
 * {@code message}. Checked, so that every provider job decides what each case means for it.
 */
public abstract sealed class ScalewayException extends Exception
    permits ScalewayException.NotFound,
        ScalewayException.Unauthorized,
        ScalewayException.Forbidden,
        ScalewayException.RateLimited,
        ScalewayException.ProviderUnavailable,
        ScalewayException.Rejected {

  private final String method;
  private final String path;
  private final int status;
  private final String type;
  private final String providerMessage;

  ScalewayException(
      String method,
      String path,
      int status,
      String type,
      String providerMessage,
      String what,
      Throwable cause) {
    super(describe(method, path, status, type, providerMessage, what), cause);
    this.method = method;
    this.path = path;
    this.status = status;
    this.type = type;
    this.providerMessage = providerMessage;
  }

  private static String describe(
      String method, String path, int status, String type, String message, String what) {
    StringBuilder text = new StringBuilder("Scaleway ").append(method).append(' ').append(path);
    text.append(": ").append(what);
    if (status > 0) {
      text.append(" (").append(status);
      if (type != null) {
        text.append(' ').append(type);
      }
      text.append(')');
    }
    if (message != null && !message.isBlank()) {
      text.append(": ").append(message);
    }
    return text.toString();
  }

  public String method() {
    return method;
  }

  /** The path of the call, without its query. */
  public String path() {
    return path;
  }

  /** The HTTP status, 0 when no answer came (time-out, connection failure). */
  public int status() {
    return status;
  }

  /** Scaleway's {@code type} ({@code not_found}, {@code invalid_request_error}, …), if any. */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /** Scaleway's {@code message}, if any. */
  public Optional<String> providerMessage() {
    return Optional.ofNullable(providerMessage);
  }

  /** 404: the resource does not exist for this key's project. The only "absent". */
  public static final class NotFound extends ScalewayException {
    private final String resource;
    private final String resourceId;

    public NotFound(
        String method,
        String path,
        String type,
        String message,
        String resource,
        String resourceId) {
      super(method, path, 404, type, message, "not found", null);
      this.resource = resource;
      this.resourceId = resourceId;
    }

    /** {@code instance_server}, {@code volume}, … when Scaleway names it. */
    public Optional<String> resource() {
      return Optional.ofNullable(resource);
    }

    public Optional<String> resourceId() {
      return Optional.ofNullable(resourceId);
    }
  }

  /** 401 {@code denied_authentication}: the key is unknown, invalid or expired. */
  public static final class Unauthorized extends ScalewayException {
    public Unauthorized(String method, String path, String type, String message) {
      super(method, path, 401, type, message, "the secret key was not accepted", null);
    }
  }

  /** 403 {@code permissions_denied}: the key may not do this (or not in this project). */
  public static final class Forbidden extends ScalewayException {
    public Forbidden(String method, String path, String type, String message) {
      super(method, path, 403, type, message, "the key may not do this", null);
    }
  }

  /**
   * 429, still after the client's retries: the same call must not be repeated before {@link
   * #retryAfter()} has passed.
   */
  public static final class RateLimited extends ScalewayException {
    private final Duration retryAfter;
    private final boolean retryAfterGiven;

    public RateLimited(
        String method,
        String path,
        String type,
        String message,
        Duration retryAfter,
        boolean retryAfterGiven) {
      super(method, path, 429, type, message, "rate-limited, retry after " + retryAfter, null);
      this.retryAfter = retryAfter;
      this.retryAfterGiven = retryAfterGiven;
    }

    /** The {@code Retry-After} of the last answer, or the client's first back-off without one. */
    public Duration retryAfter() {
      return retryAfter;
    }

    /** Whether the last answer carried a {@code Retry-After} header. */
    public boolean retryAfterGiven() {
      return retryAfterGiven;
    }
  }

  /**
   * No usable answer: a 5xx (possibly an HTML page from the gateway), a time-out, a connection
   * failure, or a 2xx whose body is not what {@code scaleway.md} says. Whether the call took effect
   * is unknown.
   */
  public static final class ProviderUnavailable extends ScalewayException {
    public ProviderUnavailable(
        String method, String path, int status, String type, String message, String what) {
      super(method, path, status, type, message, what, null);
    }

    public ProviderUnavailable(String method, String path, String what, Throwable cause) {
      super(method, path, 0, null, null, what, cause);
    }
  }

  /**
   * Any other 4xx: {@code invalid_arguments} (400), {@code invalid_request_error} (400, e.g. an
   * action the state does not allow now), {@code transient_state} (409), {@code
   * precondition_failed} (412, a volume still attached), with Scaleway's {@code type} and {@code
   * message}.
   */
  public static final class Rejected extends ScalewayException {
    public Rejected(String method, String path, int status, String type, String message) {
      super(method, path, status, type, message, "rejected", null);
    }

    /** Whether Scaleway said the volume is still in use (412 {@code precondition_failed}). */
    public boolean isResourceStillInUse() {
      return status() == 412 || type().filter("precondition_failed"::equals).isPresent();
    }

    /** Whether the resource's current state does not allow the call now. */
    public boolean isWrongState() {
      return type()
          .filter(t -> t.equals("invalid_request_error") || t.equals("transient_state"))
          .isPresent();
    }
  }
}
