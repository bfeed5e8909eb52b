package io.atrium.common.provider.scaleway;

import java.time.Instant;
import java.util.List;

/**
 * A volume of the Block Storage API, the fields Atrium reads. {@code status} is one of {@code
 * creating, available, in_use, deleting, error, …}; it is attached while {@code references} is not
 * empty.
 *
 * @param size bytes
 */
public record Volume(
    String id,
    String name,
    String projectId,
    String zone,
    Long size,
    String type,
    List<String> tags,
    String status,
    List<Reference> references,
    Instant createdAt,
    Instant updatedAt) {

  /** What a volume is attached to: {@code product_resource_type} {@code instance_server}. */
  public record Reference(String productResourceType, String productResourceId, String status) {}

  public Volume {
    tags = tags == null ? List.of() : List.copyOf(tags);
    references = references == null ? List.of() : List.copyOf(references);
  }

  public boolean isAttached() {
    return !references.isEmpty();
  }

  public boolean isAvailable() {
    return "available".equals(status);
  }

  public boolean hasTag(String tag) {
    return tags.contains(tag);
  }
}
