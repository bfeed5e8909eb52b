package io.atrium.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of environment variables; every failure names the variable. */
final class Env {
  private final Map<String, String> values;

  Env(Map<String, String> values) {
    this.values = values;
  }

  Optional<String> optional(String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.trim());
  }

  String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  int integer(String name, int defaultValue, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new ConfigException(name, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be a whole number, got '" + raw.get() + "'");
    }
  }

  boolean bool(String name, boolean defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new ConfigException(name, "must be true or false, got '" + raw.get() + "'");
    };
  }

  Duration duration(String name, Duration defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      Duration value = Duration.parse(raw.get());
      if (value.isNegative() || value.isZero()) {
        throw new ConfigException(name, "must be a positive duration");
      }
      return value;
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          name, "must be an ISO-8601 duration such as PT15M or P30D, got '" + raw.get() + "'");
    }
  }

  List<String> list(String name, List<String> defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return Arrays.stream(raw.get().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  URI httpUrl(String name, String defaultValue) {
    String raw = string(name, defaultValue);
    try {
      URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new ConfigException(name, "must be an http or https URL, got '" + raw + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(name, "is not a valid URL: " + e.getReason());
    }
  }
}
