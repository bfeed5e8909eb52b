package io.atrium.common.input;

/**
 * The maximum length, in characters (Unicode code points, as JSON Schema counts them), of every
 * text a client may send. {@code openapi.yaml} states the same numbers as {@code maxLength}; a test
 * drives the server with each spec limit plus one and expects this limit in the answer.
 */
public final class InputLimits {
  /** RFC 5321: a path is at most 256 octets including the angle brackets. */
  public static final int EMAIL = 254;

  /** RFC 5321 §4.5.3.1.1. */
  public static final int EMAIL_LOCAL_PART = 64;

  public static final int PASSWORD = 128;
  public static final int DISPLAY_NAME = 100;
  public static final int ORGANIZATION_NAME = 100;
  public static final int API_KEY_NAME = 100;
  public static final int SLUG = 63;

  /**
   * Opaque tokens (refresh, verification, reset, invitation): generated ones are 43 long. As long
   * as a bearer token may be, so that a credential of the wrong kind (an access token sent as a
   * refresh token) is refused as a credential, 401, not as a malformed field.
   */
  public static final int TOKEN = 4096;

  /** Enumerated values: roles, statuses, plans, notification types, sort keys. */
  public static final int KEYWORD = 32;

  public static final int UUID = 36;
  public static final int COLOR = 7;
  public static final int SUBJECT = 200;
  public static final int BODY = 50_000;
  public static final int BODY_HTML = 200_000;
  public static final int URL = 2048;
  public static final int ACTION_TEXT = 100;

  /** A provider's secret key (Scaleway's are UUIDs, 36). */
  public static final int PROVIDER_SECRET = 128;

  /** A provider's access key id (Scaleway's are 20 characters, {@code SCW...}). */
  public static final int PROVIDER_ACCESS_KEY = 64;

  /** Free search in the admin console ({@code q}). */
  public static final int SEARCH = 200;

  /** A model's code ({@code meta/llama-3-8b}) and description. */
  public static final int MODEL_CODE = 100;

  public static final int DESCRIPTION = 2000;

  /** Digits of a page number or page size. */
  public static final int NUMBER = 10;

  private InputLimits() {}
}
