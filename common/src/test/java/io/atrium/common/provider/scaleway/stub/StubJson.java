package io.atrium.common.provider.scaleway.stub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atrium.common.provider.scaleway.stub.StubState.ServerEntity;
import io.atrium.common.provider.scaleway.stub.StubState.VolumeEntity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The stub's entities as Scaleway writes them (dates as {@code 2025-01-10T10:00:00.123456+00:00}).
 */
final class StubJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private StubJson() {}

  static String date(Instant at) {
    return DATE.format(at);
  }

  static ObjectNode server(ServerEntity server, Function<String, VolumeEntity> volumes) {
    ObjectNode node =
        JSON.objectNode()
            .put("id", server.id)
            .put("name", server.name)
            .put("organization", server.project)
            .put("project", server.project)
            .put("zone", server.zone)
            .put("commercial_type", server.commercialType)
            .put("state", server.state)
            .put("state_detail", server.state.equals("running") ? "booted" : "")
            .put("dynamic_ip_required", true)
            .put("arch", "x86_64")
            .put("creation_date", date(server.creationDate))
            .put("modification_date", date(server.modificationDate));
    node.putObject("image").put("id", server.image).put("name", server.image);
    ArrayNode tags = node.putArray("tags");
    server.tags.forEach(tags::add);
    ArrayNode ips = node.putArray("public_ips");
    if (server.publicIpAddress != null) {
      ObjectNode ip = address(server);
      ips.add(ip);
      node.set("public_ip", ip.deepCopy());
    } else {
      node.putNull("public_ip");
    }
    ObjectNode volumeMap = node.putObject("volumes");
    server.volumeSlots.forEach(
        (slot, volumeId) -> {
          VolumeEntity volume = volumes.apply(volumeId);
          ObjectNode entry =
              volumeMap
                  .putObject(slot)
                  .put("id", volumeId)
                  .put("volume_type", "sbs_volume")
                  .put("boot", slot.equals("0"))
                  .put("zone", server.zone)
                  .put("state", volume == null ? "available" : volume.status);
          if (volume != null) {
            entry.put("name", volume.name);
          }
        });
    ArrayNode actions = node.putArray("allowed_actions");
    StubState.allowedActions(server.state).forEach(actions::add);
    return node;
  }

  private static ObjectNode address(ServerEntity server) {
    return JSON.objectNode()
        .put("id", server.publicIpId)
        .put("address", server.publicIpAddress)
        .put("dynamic", true)
        .put("family", "inet")
        .put("provisioning_mode", "dhcp");
  }

  static ObjectNode volume(VolumeEntity volume) {
    ObjectNode node =
        JSON.objectNode()
            .put("id", volume.id)
            .put("name", volume.name)
            .put("project_id", volume.project)
            .put("zone", volume.zone)
            .put("size", volume.size)
            .put("type", "sbs_5k")
            .put("status", volume.status)
            .put("created_at", date(volume.createdAt))
            .put("updated_at", date(volume.updatedAt));
    if (volume.lastDetachedAt != null) {
      node.put("last_detached_at", date(volume.lastDetachedAt));
    } else {
      node.putNull("last_detached_at");
    }
    node.putObject("specs").put("perf_iops", 5000).put("class", "sbs");
    ArrayNode tags = node.putArray("tags");
    volume.tags.forEach(tags::add);
    ArrayNode references = node.putArray("references");
    if (volume.attachedTo != null) {
      references
          .addObject()
          .put("id", "ref-" + volume.id)
          .put("product_resource_type", "instance_server")
          .put("product_resource_id", volume.attachedTo)
          .put("created_at", date(volume.updatedAt))
          .put("type", "exclusive")
          .put("status", "attached");
    }
    return node;
  }

  static ObjectNode serverType(StubCatalog.Type type) {
    ObjectNode node =
        JSON.objectNode()
            .put("hourly_price", type.hourlyPrice())
            .put("monthly_price", type.hourlyPrice().multiply(java.math.BigDecimal.valueOf(730)))
            .put("ncpus", type.ncpus())
            .put("ram", type.ramBytes())
            .put("arch", type.arch())
            .put("baremetal", false)
            .put("end_of_service", false)
            .put("scratch_storage_max_size", (Long) null);
    if (type.hasGpu()) {
      node.put("gpu", type.gpus());
      node.putObject("gpu_info")
          .put("gpu_manufacturer", type.gpuManufacturer())
          .put("gpu_name", type.gpuName())
          .put("gpu_memory", type.gpuMemoryBytes());
    } else {
      node.put("gpu", 0);
      node.putNull("gpu_info");
    }
    node.putObject("volumes_constraint").put("min_size", 0).put("max_size", 0);
    return node;
  }

  static ObjectNode task(ServerEntity server, String action, Instant at) {
    ObjectNode wrapper = JSON.objectNode();
    wrapper
        .putObject("task")
        .put("id", java.util.UUID.randomUUID().toString())
        .put("description", "server_" + action)
        .put("status", "pending")
        .put("href_from", "/servers/" + server.id + "/action")
        .put("href_result", "/servers/" + server.id)
        .put("started_at", date(at))
        .putNull("terminated_at")
        .put("progress", 0)
        .put("zone", server.zone);
    return wrapper;
  }
}
