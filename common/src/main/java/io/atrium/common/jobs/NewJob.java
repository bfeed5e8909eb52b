package io.atrium.common.jobs;

/** One job of a batch enqueue. {@code args} is any value Jackson writes as a JSON object. */
public record NewJob(String kind, Object args, JobOptions options) {
  public NewJob(String kind, Object args) {
    this(kind, args, JobOptions.defaults());
  }
}
