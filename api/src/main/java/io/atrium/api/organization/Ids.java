package io.atrium.api.organization;

import io.atrium.common.error.NotFoundException;
import java.util.UUID;

/** Path ids: one that is not a UUID names nothing, so it is 404 like any unknown id. */
public final class Ids {
  private Ids() {}

  public static UUID parse(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("No such resource.");
    }
  }
}
