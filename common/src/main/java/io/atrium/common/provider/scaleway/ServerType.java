package io.atrium.common.provider.scaleway;

import java.math.BigDecimal;

/**
 * One commercial type of {@code GET /instance/v1/zones/{zone}/products/servers}, the fields Atrium
 * reads. The type's code is the key of the map it comes in.
 *
 * @param hourlyPrice EUR per hour
 * @param ram bytes
 * @param gpu GPUs, null or 0 for a type without
 * @param gpuInfo null for a type without GPU
 */
public record ServerType(
    BigDecimal hourlyPrice,
    Integer ncpus,
    Long ram,
    Integer gpu,
    GpuInfo gpuInfo,
    String arch,
    Boolean endOfService) {

  /**
   * @param gpuMemory bytes per GPU
   */
  public record GpuInfo(String gpuManufacturer, String gpuName, Long gpuMemory) {}

  public int gpuCount() {
    return gpu == null ? 0 : gpu;
  }
}
