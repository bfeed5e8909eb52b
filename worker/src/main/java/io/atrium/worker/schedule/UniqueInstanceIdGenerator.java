package io.atrium.worker.schedule;

import io.atrium.worker.engine.WorkerIds;
import org.quartz.spi.InstanceIdGenerator;

/**
 * Quartz's own AUTO ids are host name plus milliseconds, which two schedulers started together in
 * one JVM can share; a shared id would make the cluster treat two nodes as one.
 */
public final class UniqueInstanceIdGenerator implements InstanceIdGenerator {
  @Override
  public String generateInstanceId() {
    return WorkerIds.generate();
  }
}
