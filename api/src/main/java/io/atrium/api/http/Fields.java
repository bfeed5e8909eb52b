package io.atrium.api.http;

import io.atrium.common.error.FieldError;
import io.atrium.common.error.InvalidException;
import java.util.ArrayList;
import java.util.List;

/** Presence checks of request fields, all reported at once. */
public final class Fields {
  private final List<FieldError> missing = new ArrayList<>();

  public static Fields check() {
    return new Fields();
  }

  public Fields required(String field, Object value) {
    if (value == null || value instanceof String text && text.isBlank()) {
      missing.add(new FieldError(field, "is required"));
    }
    return this;
  }

  public void orThrow() {
    if (!missing.isEmpty()) {
      throw new InvalidException(missing);
    }
  }
}
