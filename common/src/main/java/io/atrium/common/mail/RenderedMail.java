package io.atrium.common.mail;

/** A message ready to send: one subject line and the same content as HTML and as plain text. */
public record RenderedMail(String subject, String html, String text) {}
