package io.atrium.worker.notification;

import io.atrium.common.notification.NotificationFanOut;
import io.atrium.worker.engine.JobContext;
import io.atrium.worker.engine.JobHandler;
import io.atrium.worker.engine.PermanentJobFailure;
import jakarta.inject.Inject;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code notification.fan_out}: one mail job and one in-app copy per recipient, resumably. */
public final class NotificationFanOutHandler implements JobHandler {
  private static final Logger log = LoggerFactory.getLogger(NotificationFanOutHandler.class);
  private final NotificationFanOut fanOut;

  @Inject
  public NotificationFanOutHandler(NotificationFanOut fanOut) {
    this.fanOut = fanOut;
  }

  @Override
  public void handle(JobContext job) {
    String id = job.args().path("notification_id").asText(null);
    if (id == null) {
      throw new PermanentJobFailure("notification.fan_out without notification_id");
    }
    int batches = fanOut.run(UUID.fromString(id));
    log.info("notification {} fanned out in {} batch(es)", id, batches);
  }
}
