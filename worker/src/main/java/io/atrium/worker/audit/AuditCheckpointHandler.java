package io.atrium.worker.audit;

import io.atrium.common.audit.AuditCheckpoints;
import io.atrium.worker.engine.JobContext;
import io.atrium.worker.engine.JobHandler;
import jakarta.inject.Inject;

/**
 * {@value #KIND}: checkpoints every organization's audit chain that grew since its latest
 * checkpoint. Entries newer than the latest checkpoint are the only ones whose deletion goes
 * unnoticed, so it runs every minute; a run with nothing new writes nothing.
 */
public final class AuditCheckpointHandler implements JobHandler {
  public static final String KIND = "audit.checkpoint";

  private final AuditCheckpoints checkpoints;

  @Inject
  public AuditCheckpointHandler(AuditCheckpoints checkpoints) {
    this.checkpoints = checkpoints;
  }

  @Override
  public void handle(JobContext job) {
    checkpoints.writeDue();
  }
}
