package io.atrium.common.config;

/** Limits on what organizations may send. */
public record NotificationConfig(int orgDailyEmailCap) {}
