package io.atrium.common.organization;

import io.atrium.common.account.AccountRules;
import io.atrium.common.account.AuthResult;
import io.atrium.common.account.Caller;
import io.atrium.common.account.SessionTokens;
import io.atrium.common.account.User;
import io.atrium.common.account.UserDao;
import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.authorization.Authorizer;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.ConflictException;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.GoneException;
import io.atrium.common.error.InvalidException;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.error.UnauthorizedException;
import io.atrium.common.paging.Page;
import io.atrium.common.paging.PageRequest;
import io.atrium.common.ratelimit.RateLimiter;
import io.atrium.common.ratelimit.RateLimiter.RateLimit;
import io.atrium.common.ratelimit.RateLimits;
import io.atrium.common.security.PasswordHasher;
import io.atrium.common.security.SecureTokens;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Invitations by email: issued by members, previewed and accepted by the invitee's link. */
public final class InvitationService {
  public static final Duration LIFETIME = Duration.ofDays(7);
  private static final Set<String> STATUSES = Set.of("pending", "accepted", "revoked", "expired");

  private final UnitOfWork work;
  private final InvitationMails mails;
  private final SecureTokens tokens;
  private final PasswordHasher hasher;
  private final SessionTokens sessionTokens;
  private final AuditLog audit;
  private final RateLimiter rateLimiter;
  private final RateLimits limits;
  private final Authorizer authorizer;
  private final Clock clock;

  @Inject
  public InvitationService(
      UnitOfWork work,
      InvitationMails mails,
      SecureTokens tokens,
      PasswordHasher hasher,
      SessionTokens sessionTokens,
      AuditLog audit,
      RateLimiter rateLimiter,
      RateLimits limits,
      Authorizer authorizer,
      Clock clock) {
    this.work = work;
    this.mails = mails;
    this.tokens = tokens;
    this.hasher = hasher;
    this.sessionTokens = sessionTokens;
    this.audit = audit;
    this.rateLimiter = rateLimiter;
    this.limits = limits;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  /** What the invitee's link shows, without consuming anything. */
  public record Preview(
      Invitation invitation, Organization organization, String invitedByName, String status) {}

  /**
   * Accepted while signed in ({@code auth} empty) or by creating the account ({@code auth} set).
   */
  public record Accepted(Organization organization, String role, Optional<AuthResult> auth) {}

  public Page<Invitation> list(Caller caller, String status, PageRequest page) {
    authorizer.requireRoleInCurrent(caller, Permission.MANAGE_INVITATIONS);
    if (status != null && !STATUSES.contains(status)) {
      throw InvalidException.field("status", "must be one of pending, accepted, revoked, expired");
    }
    Instant now = clock.instant();
    return work.withHandle(
        handle -> {
          InvitationDao invitations = handle.attach(InvitationDao.class);
          return Page.of(
              invitations.list(
                  caller.organizationId(), status, now, page.pageSize(), page.offset()),
              page,
              () -> invitations.count(caller.organizationId(), status, now));
        });
  }

  public Invitation create(Caller caller, String rawEmail, String rawRole, RequestOrigin origin) {
    Role actor = authorizer.requireRoleInCurrent(caller, Permission.MANAGE_INVITATIONS);
    String email = AccountRules.requireEmail("email", rawEmail);
    Role role =
        Role.parse(rawRole)
            .orElseThrow(
                () -> InvalidException.field("role", "must be one of owner, admin, manager, user"));
    requireMayInvite(actor, role);
    UUID organizationId = caller.organizationId();
    consumeSendingLimits(caller, List.of());
    return work.inTransaction(
        handle -> {
          Organization organization =
              handle.attach(OrganizationDao.class).find(organizationId).orElseThrow();
          Optional<User> existing = handle.attach(UserDao.class).findByEmail(email);
          if (existing.isPresent()
              && handle
                  .attach(MembershipDao.class)
                  .find(organizationId, existing.get().id())
                  .isPresent()) {
            throw new ConflictException("already_member", "This person is already a member.");
          }
          return issue(handle, organization, email, role, caller.userId(), origin);
        });
  }

  /** Creates a pending invitation and enqueues its email, in the caller's transaction. */
  public Invitation issue(
      Handle handle,
      Organization organization,
      String email,
      Role role,
      UUID inviterId,
      RequestOrigin origin) {
    Instant now = clock.instant();
    InvitationDao invitations = handle.attach(InvitationDao.class);
    invitations.expireStale(organization.id(), email, now);
    UUID id = UUID.randomUUID();
    String token = tokens.generate(32);
    Instant expiresAt = now.plus(LIFETIME);
    if (!invitations.insert(
        id,
        organization.id(),
        email,
        role.value(),
        SecureTokens.hash(token),
        inviterId,
        now,
        expiresAt)) {
      throw new ConflictException(
          "invitation_pending", "A pending invitation for this email exists; resend it instead.");
    }
    User inviter = handle.attach(UserDao.class).find(inviterId).orElseThrow();
    mails.send(handle, id, email, role.value(), organization, inviter, token, expiresAt);
    audit.record(
        handle,
        AuditEvent.of("invitation.created", inviterId, origin)
            .organization(organization.id())
            .target("invitation", id)
            .details(Map.of("email", email, "role", role.value())));
    return invitations.lock(organization.id(), id).orElseThrow();
  }

  public void revoke(Caller caller, UUID id, RequestOrigin origin) {
    Role actor = authorizer.requireRoleInCurrent(caller, Permission.MANAGE_INVITATIONS);
    work.useTransaction(
        handle -> {
          Invitation invitation = lockForManagement(handle, caller, actor, id);
          if (Invitation.ACCEPTED.equals(invitation.status())) {
            throw new ConflictException(
                "invitation_already_accepted", "This invitation was already accepted.");
          }
          if (!Invitation.REVOKED.equals(invitation.status())) {
            handle.attach(InvitationDao.class).revoke(id, clock.instant());
            audit.record(
                handle,
                AuditEvent.of("invitation.revoked", caller.userId(), origin)
                    .organization(caller.organizationId())
                    .target("invitation", id)
                    .details(Map.of("email", invitation.email())));
          }
        });
  }

  public Invitation resend(Caller caller, UUID id, RequestOrigin origin) {
    Role actor = authorizer.requireRoleInCurrent(caller, Permission.MANAGE_INVITATIONS);
    requireInOrganization(caller, id);
    consumeSendingLimits(caller, List.of(new Bucket(limits.resendsPerInvitation(), id.toString())));
    return work.inTransaction(
        handle -> {
          InvitationDao invitations = handle.attach(InvitationDao.class);
          Invitation invitation = lockForManagement(handle, caller, actor, id);
          requireResendable(invitation);
          if (invitations.otherPending(caller.organizationId(), invitation.email(), id)) {
            throw new ConflictException(
                "invitation_pending", "Another pending invitation for this email exists.");
          }
          Instant expiresAt = clock.instant().plus(LIFETIME);
          String token = tokens.generate(32);
          invitations.rotate(id, SecureTokens.hash(token), expiresAt);
          Organization organization =
              handle.attach(OrganizationDao.class).find(caller.organizationId()).orElseThrow();
          User inviter = handle.attach(UserDao.class).find(caller.userId()).orElseThrow();
          mails.send(
              handle,
              id,
              invitation.email(),
              invitation.role(),
              organization,
              inviter,
              token,
              expiresAt);
          audit.record(
              handle,
              AuditEvent.of("invitation.resent", caller.userId(), origin)
                  .organization(caller.organizationId())
                  .target("invitation", id)
                  .details(Map.of("email", invitation.email())));
          return invitations.lock(caller.organizationId(), id).orElseThrow();
        });
  }

  public Preview preview(String token) {
    if (!SecureTokens.wellFormed(token)) {
      throw new NotFoundException("No such invitation.");
    }
    return work.inTransaction(
        handle -> {
          Invitation invitation =
              handle
                  .attach(InvitationDao.class)
                  .findByToken(SecureTokens.hash(token))
                  .orElseThrow(() -> new NotFoundException("No such invitation."));
          Organization organization =
              handle
                  .attach(OrganizationDao.class)
                  .find(invitation.organizationId())
                  .orElseThrow(() -> new NotFoundException("No such invitation."));
          String invitedBy =
              invitation.invitedBy() == null
                  ? null
                  : handle
                      .attach(UserDao.class)
                      .find(invitation.invitedBy())
                      .map(u -> u.displayName() != null ? u.displayName() : u.email())
                      .orElse(null);
          return new Preview(
              invitation, organization, invitedBy, invitation.effectiveStatus(clock.instant()));
        });
  }

  /**
   * Accepts once, atomically. Signed in: the caller's email must be the invitation's. Not signed
   * in: only for an email without an account, which is then created (verified: the link proved the
   * mailbox) with its first session, all in one transaction.
   */
  public Accepted accept(
      String token,
      Optional<Caller> caller,
      String password,
      String rawDisplayName,
      RequestOrigin origin) {
    if (!SecureTokens.wellFormed(token)) {
      throw new NotFoundException("No such invitation.");
    }
    String displayName = AccountRules.displayName("display_name", rawDisplayName);
    if (caller.isEmpty() && password != null) {
      // Checked again with the invitation's email in the transaction; here so that a weak
      // password costs no hashing.
      AccountRules.requirePassword("password", password, null, displayName);
    }
    String hash = caller.isEmpty() && password != null ? hasher.hash(password) : null;
    return work.inTransaction(
        handle -> {
          Instant now = clock.instant();
          InvitationDao invitations = handle.attach(InvitationDao.class);
          Invitation invitation =
              invitations
                  .lockByToken(SecureTokens.hash(token))
                  .orElseThrow(() -> new NotFoundException("No such invitation."));
          Organization organization =
              handle
                  .attach(OrganizationDao.class)
                  .find(invitation.organizationId())
                  .orElseThrow(() -> new NotFoundException("No such invitation."));
          requireAcceptable(invitation, now);
          UserDao users = handle.attach(UserDao.class);
          User user;
          Optional<AuthResult> auth = Optional.empty();
          if (caller.isPresent()) {
            if (!caller.get().email().equalsIgnoreCase(invitation.email())) {
              throw new ForbiddenException(
                  "invitation_email_mismatch", "This invitation is for another email address.");
            }
            user = users.find(caller.get().userId()).orElseThrow();
          } else {
            if (users.findByEmail(invitation.email()).isPresent()) {
              throw new UnauthorizedException(
                  "login_required", "An account exists for this email: sign in, then accept.");
            }
            AccountRules.requirePassword("password", password, invitation.email(), displayName);
            user =
                new User(
                    UUID.randomUUID(),
                    invitation.email(),
                    displayName,
                    hash,
                    now,
                    null,
                    User.ACTIVE,
                    now,
                    now);
            users.insert(user);
            audit.record(
                handle,
                AuditEvent.of("user.signed_up", user.id(), origin)
                    .target("user", user.id())
                    .details(Map.of("via", "invitation")));
          }
          MembershipDao memberships = handle.attach(MembershipDao.class);
          memberships.insert(organization.id(), user.id(), invitation.role(), now);
          String role = memberships.find(organization.id(), user.id()).orElseThrow().role();
          invitations.accept(invitation.id(), user.id(), now);
          if (caller.isEmpty()) {
            auth =
                Optional.of(
                    sessionTokens.open(
                        handle, user, organization.id(), role, origin.userAgent(), origin.ip()));
          }
          audit.record(
              handle,
              AuditEvent.of("invitation.accepted", user.id(), origin)
                  .organization(organization.id())
                  .target("invitation", invitation.id())
                  .details(Map.of("email", invitation.email(), "role", role)));
          return new Accepted(organization, role, auth);
        });
  }

  /**
   * Every invitation email, new or resent, counts against its inviter's daily cap (smaller while
   * the inviter's email is unverified) and its organization's; a resend also against the
   * invitation's own. 429 when one is spent. The buckets are Bucket4j's in PostgreSQL, shared by
   * every web process. All are checked before any is taken, so a refusal by one costs the others
   * nothing.
   */
  private void consumeSendingLimits(Caller caller, List<Bucket> extra) {
    boolean verified =
        work.withHandle(h -> h.attach(UserDao.class).find(caller.userId()).map(User::emailVerified))
            .orElse(false);
    List<Bucket> buckets = new ArrayList<>(extra);
    String inviter = caller.userId().toString();
    if (!verified) {
      buckets.add(new Bucket(limits.invitationsPerUnverifiedInviter(), inviter));
    }
    buckets.add(new Bucket(limits.invitationsPerInviter(), inviter));
    buckets.add(
        new Bucket(limits.invitationsPerOrganization(), caller.organizationId().toString()));
    buckets.forEach(b -> rateLimiter.requireAvailable(b.limit(), b.key()));
    buckets.forEach(b -> rateLimiter.consume(b.limit(), b.key()));
  }

  private record Bucket(RateLimit limit, String key) {}

  /** 404 before any limit is spent on an invitation of another organization, or none. */
  private void requireInOrganization(Caller caller, UUID id) {
    work.withHandle(h -> h.attach(InvitationDao.class).find(caller.organizationId(), id))
        .orElseThrow(() -> new NotFoundException("No such invitation."));
  }

  private Invitation lockForManagement(Handle handle, Caller caller, Role actor, UUID id) {
    Invitation invitation =
        handle
            .attach(InvitationDao.class)
            .lock(caller.organizationId(), id)
            .orElseThrow(() -> new NotFoundException("No such invitation."));
    requireMayInvite(actor, Role.of(invitation.role()));
    return invitation;
  }

  private void requireResendable(Invitation invitation) {
    if (Invitation.ACCEPTED.equals(invitation.status())) {
      throw new ConflictException(
          "invitation_already_accepted", "This invitation was already accepted.");
    }
    if (Invitation.REVOKED.equals(invitation.status())) {
      throw new GoneException("invitation_revoked", "This invitation was revoked.");
    }
  }

  private static void requireAcceptable(Invitation invitation, Instant now) {
    switch (invitation.effectiveStatus(now)) {
      case Invitation.ACCEPTED ->
          throw new ConflictException(
              "invitation_already_accepted", "This invitation was already accepted.");
      case Invitation.REVOKED ->
          throw new GoneException("invitation_revoked", "This invitation was revoked.");
      case Invitation.EXPIRED ->
          throw new GoneException(
              "invitation_expired", "This invitation has expired; ask for a new one.");
      default -> {}
    }
  }

  private static void requireMayInvite(Role actor, Role role) {
    if (!RolePolicy.mayInviteAs(actor, role)) {
      throw new ForbiddenException(
          "role_not_allowed", "Your role may not invite as " + role.value() + ".");
    }
  }
}
