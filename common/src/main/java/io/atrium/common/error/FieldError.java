package io.atrium.common.error;

/** One invalid field of a request: its snake_case name and what is wrong with it. */
public record FieldError(String field, String message) {}
