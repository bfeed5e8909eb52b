package io.atrium.worker.mail;

import org.simplejavamail.api.email.Email;

/** A composed message and the names it is known by in Atrium. */
public record OutgoingMail(String messageKey, String template, Email email) {}
