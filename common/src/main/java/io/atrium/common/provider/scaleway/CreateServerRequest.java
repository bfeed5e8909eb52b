package io.atrium.common.provider.scaleway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of {@code POST /instance/v1/zones/{zone}/servers}: a new SBS boot volume of {@code
 * bootVolumeBytes} as volume {@code "0"}, and an existing data volume as {@code "1"} when given
 * (that is how a data volume is attached). The server is created {@code stopped}, with a dynamic
 * public address.
 */
public record CreateServerRequest(
    String name,
    String commercialType,
    String image,
    String project,
    List<String> tags,
    boolean dynamicIpRequired,
    Map<String, VolumeSpec> volumes) {

  /** A new volume ({@code size} bytes) or an existing one ({@code id}), always SBS. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VolumeSpec(Long size, String id, String volumeType) {
    public static VolumeSpec newBootVolume(long bytes) {
      return new VolumeSpec(bytes, null, "sbs_volume");
    }

    public static VolumeSpec existing(String volumeId) {
      return new VolumeSpec(null, volumeId, "sbs_volume");
    }
  }

  public CreateServerRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(commercialType, "commercialType");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(project, "project");
    tags = List.copyOf(tags);
    volumes = Map.copyOf(volumes);
  }

  public static CreateServerRequest of(
      String name,
      String commercialType,
      String image,
      String project,
      List<String> tags,
      long bootVolumeBytes,
      Optional<String> dataVolumeId) {
    Map<String, VolumeSpec> volumes = new LinkedHashMap<>();
    volumes.put("0", VolumeSpec.newBootVolume(bootVolumeBytes));
    dataVolumeId.ifPresent(id -> volumes.put("1", VolumeSpec.existing(id)));
    return new CreateServerRequest(name, commercialType, image, project, tags, true, volumes);
  }
}
