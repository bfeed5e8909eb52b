package io.atrium.worker.mail;

/** Where composed mail goes: an SMTP server, or the development outbox on disk. */
public interface MailTransport {
  /** Returns once the receiver has taken the message. */
  void send(OutgoingMail mail) throws MailRejectedException, MailDeferredException;
}
