package io.atrium.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before Javalin sees the request (a malformed request line, headers too
 * large, a URI too long): problem+json too, never Jetty's HTML page.
 */
public final class JettyProblemErrorHandler extends ErrorHandler {
  private final ObjectMapper mapper;

  public JettyProblemErrorHandler(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Jetty writes error bodies for GET, POST and HEAD only; a bad DELETE deserves one too. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    response.getHeaders().put(RequestIds.HEADER, UUID.randomUUID().toString());
    response.write(true, ByteBuffer.wrap(body(code)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    fields.put(RequestIds.HEADER, UUID.randomUUID().toString());
    return ByteBuffer.wrap(body(status));
  }

  private byte[] body(int status) {
    try {
      return mapper.writeValueAsBytes(
          Problem.of(status, Problem.defaultCode(status), Problem.title(status)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
