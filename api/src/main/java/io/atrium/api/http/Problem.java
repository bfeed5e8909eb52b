package io.atrium.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.atrium.common.error.FieldError;
import java.util.List;

/** An RFC 9457 problem document with Atrium's stable {@code code}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String code, List<FieldError> errors) {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://atrium.dev/problems/";

  public static Problem of(int status, String code, String detail) {
    return new Problem(TYPE_BASE + code, title(status), status, detail, code, null);
  }

  public static Problem invalid(String code, String detail, List<FieldError> errors) {
    return new Problem(TYPE_BASE + code, title(422), 422, detail, code, errors);
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, code, fieldErrors);
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }

  /** The code for a status when nothing more precise is known. */
  static String defaultCode(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 409 -> "conflict";
      case 410 -> "gone";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 422 -> "validation_failed";
      case 429 -> "rate_limited";
      case 431 -> "headers_too_large";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal_error" : "error";
    };
  }
}
