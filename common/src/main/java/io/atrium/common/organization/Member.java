package io.atrium.common.organization;

import java.time.Instant;
import java.util.UUID;

/** A member of an organization as the members list shows it. */
public record Member(
    UUID userId, String email, String displayName, String role, Instant joinedAt) {}
