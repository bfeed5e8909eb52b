package io.atrium.common.config;

/** The job engine of one worker process. */
public record WorkerConfig(int concurrency) {}
