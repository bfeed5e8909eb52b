package io.atrium.api.organization;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.atrium.api.account.AccountMessages.AuthResponse;
import io.atrium.common.organization.Invitation;
import io.atrium.common.organization.InvitationService;
import io.atrium.common.organization.Member;
import io.atrium.common.organization.Organization;
import io.atrium.common.organization.OrganizationDao;
import io.atrium.common.organization.OrganizationService;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Request and response bodies of the organization routes. */
final class OrganizationMessages {
  private OrganizationMessages() {}

  record CreateOrganizationRequest(String name, String slug) {}

  /** {@code sidebar_color}: absent leaves it, null or "" clears it. */
  record UpdateOrganizationRequest(String name, String slug, Optional<String> sidebarColor) {}

  record ChangeRoleRequest(String role) {}

  record CreateInvitationRequest(String email, String role) {}

  record AcceptInvitationRequest(String password, String displayName) {
    @Override
    public String toString() {
      return "AcceptInvitationRequest[password=<redacted>, displayName=" + displayName + "]";
    }
  }

  record OrganizationSummary(
      UUID id,
      String name,
      String slug,
      String role,
      String subscriptionPlan,
      String status,
      Instant createdAt) {
    static OrganizationSummary from(OrganizationDao.Membership m) {
      return new OrganizationSummary(
          m.id(), m.name(), m.slug(), m.role(), m.subscriptionPlan(), m.status(), m.createdAt());
    }
  }

  record OrganizationResponse(
      UUID id,
      String name,
      String slug,
      String role,
      String subscriptionPlan,
      String status,
      BigDecimal walletBalanceEur,
      String sidebarColor,
      int memberCount,
      Instant createdAt) {
    static OrganizationResponse from(OrganizationService.Details details) {
      Organization o = details.organization();
      return new OrganizationResponse(
          o.id(),
          o.name(),
          o.slug(),
          details.role(),
          o.subscriptionPlan(),
          o.status(),
          o.walletBalanceEur(),
          o.sidebarColor(),
          details.memberCount(),
          o.createdAt());
    }
  }

  record SwitchResponse(
      String accessToken, long expiresIn, OrganizationResponse currentOrganization) {
    static SwitchResponse from(OrganizationService.Switched switched) {
      return new SwitchResponse(
          switched.accessToken(),
          switched.expiresIn(),
          switched.current().map(OrganizationResponse::from).orElse(null));
    }

    @Override
    public String toString() {
      return "SwitchResponse[accessToken=<redacted>, expiresIn=" + expiresIn + "]";
    }
  }

  record MemberResponse(
      UUID userId, String email, String displayName, String role, Instant joinedAt) {
    static MemberResponse from(Member m) {
      return new MemberResponse(m.userId(), m.email(), m.displayName(), m.role(), m.joinedAt());
    }
  }

  record InvitationResponse(
      UUID id,
      String email,
      String role,
      String status,
      Instant expiresAt,
      UUID invitedBy,
      Instant createdAt) {
    static InvitationResponse from(Invitation i, Instant now) {
      return new InvitationResponse(
          i.id(),
          i.email(),
          i.role(),
          i.effectiveStatus(now),
          i.expiresAt(),
          i.invitedBy(),
          i.createdAt());
    }
  }

  record OrganizationName(String name, String slug) {}

  record InvitationPreviewResponse(
      OrganizationName organization,
      String email,
      String role,
      String invitedBy,
      Instant expiresAt,
      String status) {
    static InvitationPreviewResponse from(InvitationService.Preview p) {
      return new InvitationPreviewResponse(
          new OrganizationName(p.organization().name(), p.organization().slug()),
          p.invitation().email(),
          p.invitation().role(),
          p.invitedByName(),
          p.invitation().expiresAt(),
          p.status());
    }
  }

  record AcceptedOrganization(UUID id, String name, String slug) {}

  /**
   * Both answers of an acceptance have the membership; one that created the account also has
   * register's fields (its first session), so a client reads one shape.
   */
  record AcceptedResponse(
      AcceptedOrganization organization, String role, @JsonUnwrapped AuthResponse signedIn) {}
}
