package io.atrium.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that java.net.http refuses to send: a target with a
 * malformed escape, raw bytes in a path. One request per connection, the target sent as given.
 */
public final class RawHttp {
  private RawHttp() {}

  public record Response(int status, Map<String, String> headers, String body) {
    /** The problem's code, after checking that this is an RFC 9457 problem document. */
    public String problemCode() {
      String type = headers.getOrDefault("content-type", "");
      if (!type.startsWith("application/problem+json")) {
        throw new AssertionError("not a problem (" + status + ", " + type + "): " + body);
      }
      try {
        JsonNode json = Http.JSON.readTree(body);
        for (String field : new String[] {"type", "title", "status", "detail", "code"}) {
          if (!json.hasNonNull(field)) {
            throw new AssertionError("problem without " + field + ": " + body);
          }
        }
        if (json.get("status").asInt() != status) {
          throw new AssertionError("problem status differs from the HTTP status: " + body);
        }
        return json.get("code").asText();
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
    }
  }

  public static Response send(
      int port, String method, String target, Map<String, String> headers, byte[] body) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      head.append("Connection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      // ISO-8859-1: every char of the target below 256 goes out as that byte
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException answeredEarly) {
        // A server may answer (401, 413) and close before a large body is all sent: the answer
        // is what counts.
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target, e);
    }
  }

  private static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("connection closed without a response");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in).trim(), 16);
          size > 0;
          size = Integer.parseInt(line(in).trim(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
    } else if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    } else {
      body.write(in.readAllBytes());
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
