package io.atrium.common.config;

import java.net.URI;
import java.util.List;

/** The web process: its port, the browser origins it answers, and the proxy it sits behind. */
public record HttpConfig(int port, URI frontendUrl, List<String> corsOrigins, boolean trustProxy) {

  /** FRONTEND_URL's origin first, then CORS_ORIGINS. */
  public List<String> allowedOrigins() {
    String frontendOrigin =
        frontendUrl.getScheme()
            + "://"
            + frontendUrl.getHost()
            + (frontendUrl.getPort() == -1 ? "" : ":" + frontendUrl.getPort());
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(frontendOrigin), corsOrigins.stream())
        .distinct()
        .toList();
  }
}
