package io.atrium.common.provider.scaleway;

/** The task an action answers with (202): {@code status} is {@code pending} at first. */
public record ServerTask(String id, String description, String status) {}
