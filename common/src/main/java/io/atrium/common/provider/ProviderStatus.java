package io.atrium.common.provider;

import java.util.List;

/** A provider as {@code GET /providers} shows it to an organization. */
public record ProviderStatus(
    String code, String name, boolean configured, List<String> missingConfig) {}
