package io.atrium.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.api.support.Http;
import io.atrium.api.support.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 8: with two X-Forwarded-For lines the first, client-written one was used, and
 * {@code deadbeef} and {@code ::::} were stored as session and audit addresses. The requests are
 * written byte by byte, so the header lines are exactly what a client behind the router sends.
 */
class ClientAddressIT {
  private final TestApp app = TestApp.shared();

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  void theLastEntryOfAllLinesIsTheAddressAndOnlyAnIpLiteralCounts() throws IOException {
    assertThat(addressOfARegistration(List.of("203.0.113.66", "198.51.100.7")))
        .isEqualTo("198.51.100.7");
    assertThat(addressOfARegistration(List.of("203.0.113.66, 198.51.100.8", "192.0.2.9")))
        .isEqualTo("192.0.2.9");
    assertThat(addressOfARegistration(List.of("2001:DB8:0:0:0:0:0:1"))).isEqualTo("2001:db8::1");
    for (String junk :
        List.of("deadbeef", "::::", "198.51.100.7, deadbeef", "999.1.1.1", "fe80::1%eth0", "")) {
      assertThat(addressOfARegistration(List.of(junk)))
          .as("X-Forwarded-For: " + junk)
          .isEqualTo("127.0.0.1");
    }
    assertThat(addressOfARegistration(List.of("198.51.100.7", "not an address")))
        .isEqualTo("127.0.0.1");
  }

  /** Registers with these X-Forwarded-For lines; the address its session and audit entry got. */
  private String addressOfARegistration(List<String> forwardedFor) throws IOException {
    String email = "addr-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    byte[] body =
        Http.JSON.writeValueAsBytes(
            Map.of("email", email, "password", "correct horse battery staple"));
    StringBuilder request = new StringBuilder();
    request.append("POST /api/v1/auth/register HTTP/1.1\r\n");
    request.append("Host: 127.0.0.1\r\n");
    for (String line : forwardedFor) {
      request.append("X-Forwarded-For: ").append(line).append("\r\n");
    }
    request.append("Content-Type: application/json\r\n");
    request.append("Content-Length: ").append(body.length).append("\r\n");
    request.append("Connection: close\r\n\r\n");
    String response;
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      in.transferTo(read);
      response = read.toString(StandardCharsets.UTF_8);
    }
    assertThat(response).startsWith("HTTP/1.1 201");
    // The JSON body, whether sent with a length or in one chunk.
    String payload = response.substring(response.indexOf("\r\n\r\n") + 4);
    JsonNode registered =
        Http.JSON.readTree(payload.substring(payload.indexOf('{'), payload.lastIndexOf('}') + 1));
    String token = registered.get("access_token").asText();
    JsonNode sessions = app.http().token(token).get("/api/v1/auth/sessions").json();
    String sessionIp = sessions.get(0).get("ip").asText();
    String auditIp =
        app.database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT ip FROM audit_log WHERE action = 'user.signed_up' AND actor_user_id = :id")
                        .bind("id", UUID.fromString(registered.get("user").get("id").asText()))
                        .mapTo(String.class)
                        .one());
    assertThat(auditIp).isEqualTo(sessionIp);
    return sessionIp;
  }
}
