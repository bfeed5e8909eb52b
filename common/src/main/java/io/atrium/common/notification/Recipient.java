package io.atrium.common.notification;

import java.util.UUID;

/** Someone a notification goes to; {@code userId} null for an address without an account. */
public record Recipient(String email, UUID userId) {}
