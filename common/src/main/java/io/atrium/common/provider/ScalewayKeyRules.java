package io.atrium.common.provider;

import io.atrium.common.error.FieldError;
import io.atrium.common.error.InvalidException;
import io.atrium.common.input.InputLimits;
import io.atrium.common.provider.scaleway.ScalewayCredentials;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a Scaleway key must look like before Atrium sends it anywhere: a project id that is a UUID,
 * a secret key and an access key of printable ASCII (they travel in an HTTP header), a zone
 * Scaleway has. Every fault is reported at once, and no message repeats the secret.
 */
@Singleton
public final class ScalewayKeyRules {
  private static final Pattern UUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern PRINTABLE_ASCII = Pattern.compile("^[\\x21-\\x7e]+$");

  private final ScalewayZones zones;

  @Inject
  public ScalewayKeyRules(ScalewayZones zones) {
    this.zones = zones;
  }

  /** The checked key; {@code accessKey} and {@code defaultZone} may be null. */
  public record Valid(ScalewayCredentials credentials, String accessKey, String defaultZone) {}

  public Valid validate(ScalewayKeyInput input) {
    List<FieldError> errors = new ArrayList<>();
    String projectId = input.projectId() == null ? null : input.projectId().strip();
    if (projectId == null || projectId.isEmpty()) {
      errors.add(new FieldError("project_id", "is required"));
    } else if (!UUID.matcher(projectId).matches()) {
      errors.add(new FieldError("project_id", "must be a Scaleway project id (a UUID)"));
    }
    String secretKey = input.secretKey() == null ? null : input.secretKey().strip();
    if (secretKey == null || secretKey.isEmpty()) {
      errors.add(new FieldError("secret_key", "is required"));
    } else if (secretKey.length() > InputLimits.PROVIDER_SECRET
        || !PRINTABLE_ASCII.matcher(secretKey).matches()) {
      errors.add(
          new FieldError(
              "secret_key",
              "must be at most "
                  + InputLimits.PROVIDER_SECRET
                  + " printable ASCII characters without spaces"));
    }
    String accessKey = blankToNull(input.accessKey());
    if (accessKey != null
        && (accessKey.length() > InputLimits.PROVIDER_ACCESS_KEY
            || !PRINTABLE_ASCII.matcher(accessKey).matches())) {
      errors.add(
          new FieldError(
              "access_key",
              "must be at most "
                  + InputLimits.PROVIDER_ACCESS_KEY
                  + " printable ASCII characters without spaces"));
    }
    String zone = blankToNull(input.defaultZone());
    if (zone != null) {
      zone = zone.toLowerCase(Locale.ROOT);
      if (!zones.known(zone)) {
        errors.add(new FieldError("default_zone", "is not a Scaleway zone, such as fr-par-1"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidException(errors);
    }
    return new Valid(
        new ScalewayCredentials(secretKey, projectId.toLowerCase(Locale.ROOT)), accessKey, zone);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
