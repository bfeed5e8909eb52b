package io.atrium.common.mail;

import io.atrium.common.jobs.JobOptions;
import io.atrium.common.jobs.JobQueue;
import io.atrium.common.jobs.NewJob;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Stages an email as a {@code mail.send} job in the caller's transaction: the mail leaves only if
 * the change that caused it commits, and never from inside the transaction. The job holds {@link
 * MailJobArgs}, its variables sealed.
 */
@Singleton
public final class MailOutbox {
  public static final String JOB_KIND = "mail.send";
  public static final String QUEUE = "mail";

  private final JobQueue jobQueue;
  private final MailTemplates templates;
  private final MailSealer sealer;

  @Inject
  public MailOutbox(JobQueue jobQueue, MailTemplates templates, MailSealer sealer) {
    this.jobQueue = jobQueue;
    this.templates = templates;
    this.sealer = sealer;
  }

  /** The job's id; the id of the live job already staged for this message key, if any. */
  public long enqueue(Handle handle, MailRequest request) {
    // Rendering now turns a missing variable into an error of the code that asked for the mail,
    // in its own transaction, rather than a job discarded later in the worker.
    templates.render(request.template(), request.variables());
    return jobQueue.enqueue(handle, JOB_KIND, sealer.seal(request), jobOptions(request));
  }

  /** One job per request, in one round trip; the ids in the order of the requests. */
  public List<Long> enqueueAll(Handle handle, List<MailRequest> requests) {
    // A fan-out sends the same variables to many: each distinct message is rendered once.
    requests.stream()
        .map(request -> Map.entry(request.template(), request.variables()))
        .distinct()
        .forEach(message -> templates.render(message.getKey(), message.getValue()));
    List<NewJob> jobs =
        requests.stream()
            .map(request -> new NewJob(JOB_KIND, sealer.seal(request), jobOptions(request)))
            .toList();
    return jobQueue.enqueueBatch(handle, jobs);
  }

  static JobOptions jobOptions(MailRequest request) {
    return JobOptions.defaults().queue(QUEUE).idempotencyKey("mail:" + request.messageKey());
  }
}
