package io.atrium.api.provider;

import io.atrium.common.provider.ProviderCredentialsService.Saved;
import io.atrium.common.provider.ProviderStatus;
import java.time.Instant;
import java.util.List;

/** The request and response bodies of {@code /api/v1/providers}. */
final class ProviderMessages {
  private ProviderMessages() {}

  record ProviderResponse(
      String code, String name, boolean isConfigured, List<String> missingConfig) {
    static ProviderResponse from(ProviderStatus status) {
      return new ProviderResponse(
          status.code(), status.name(), status.configured(), status.missingConfig());
    }
  }

  /** {@code toString} never shows the secret key. */
  record ScalewayCredentialsRequest(
      String projectId, String secretKey, String accessKey, String defaultZone) {
    @Override
    public String toString() {
      return "ScalewayCredentialsRequest[projectId=" + projectId + ", secretKey=<redacted>]";
    }
  }

  record ScalewayCredentialsResponse(String projectId, String secretKeyLast4, Instant updatedAt) {
    static ScalewayCredentialsResponse from(Saved saved) {
      return new ScalewayCredentialsResponse(
          saved.projectId(), saved.secretKeyLast4(), saved.updatedAt());
    }
  }
}
