package io.atrium.common.organization;

import io.atrium.common.account.User;
import io.atrium.common.mail.MailLinks;
import io.atrium.common.mail.MailOutbox;
import io.atrium.common.mail.MailRequest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The invitation email, enqueued in the transaction that creates or renews the invitation. */
public final class InvitationMails {
  private final MailOutbox outbox;
  private final MailLinks links;

  @Inject
  public InvitationMails(MailOutbox outbox, MailLinks links) {
    this.outbox = outbox;
    this.links = links;
  }

  public void send(
      Handle handle,
      UUID invitationId,
      String email,
      String role,
      Organization organization,
      User inviter,
      String token,
      Instant expiresAt) {
    outbox.enqueue(
        handle,
        new MailRequest(
            "invitation",
            email,
            Map.of(
                "organization_name", organization.name(),
                "inviter_name",
                    inviter.displayName() != null ? inviter.displayName() : inviter.email(),
                "role", role,
                "link", links.invitation(token),
                "expires_at", expiresAt.toString()),
            "invitation:" + invitationId + ":" + expiresAt.toEpochMilli()));
  }
}
