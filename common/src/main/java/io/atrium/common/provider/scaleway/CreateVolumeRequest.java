package io.atrium.common.provider.scaleway;

import java.util.List;
import java.util.Objects;

/**
 * The body of {@code POST /block/v1/zones/{zone}/volumes}: an empty SBS volume of {@code
 * from_empty.size} bytes at 5,000 IOPS.
 */
public record CreateVolumeRequest(
    String name, String projectId, FromEmpty fromEmpty, int perfIops, List<String> tags) {
  public static final int PERF_IOPS = 5000;

  public record FromEmpty(long size) {}

  public CreateVolumeRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(fromEmpty, "fromEmpty");
    tags = List.copyOf(tags);
  }

  public static CreateVolumeRequest empty(
      String name, String projectId, long sizeBytes, List<String> tags) {
    return new CreateVolumeRequest(name, projectId, new FromEmpty(sizeBytes), PERF_IOPS, tags);
  }
}
