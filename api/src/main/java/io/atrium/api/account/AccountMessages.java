package io.atrium.api.account;

import io.atrium.common.account.AuthResult;
import io.atrium.common.account.Session;
import io.atrium.common.account.User;
import io.atrium.common.account.UserService;
import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the auth and user routes. */
public final class AccountMessages {
  private AccountMessages() {}

  record RegisterRequest(String email, String password, String displayName) {
    @Override
    public String toString() {
      return "RegisterRequest[email=" + email + ", password=<redacted>]";
    }
  }

  record LoginRequest(String email, String password) {
    @Override
    public String toString() {
      return "LoginRequest[email=" + email + ", password=<redacted>]";
    }
  }

  record RefreshRequest(String refreshToken) {
    @Override
    public String toString() {
      return "RefreshRequest[refreshToken=<redacted>]";
    }
  }

  record ChangePasswordRequest(String currentPassword, String newPassword) {
    @Override
    public String toString() {
      return "ChangePasswordRequest[<redacted>]";
    }
  }

  record EmailRequest(String email) {}

  record TokenRequest(String token) {
    @Override
    public String toString() {
      return "TokenRequest[token=<redacted>]";
    }
  }

  record ResetPasswordRequest(String token, String newPassword) {
    @Override
    public String toString() {
      return "ResetPasswordRequest[<redacted>]";
    }
  }

  record UpdateMeRequest(String displayName) {}

  public record CurrentOrganizationResponse(UUID id, String name, String slug, String role) {}

  public record UserResponse(
      UUID id,
      String email,
      String displayName,
      boolean emailVerified,
      String platformRole,
      Instant createdAt,
      CurrentOrganizationResponse currentOrganization) {

    static UserResponse from(User user) {
      return new UserResponse(
          user.id(),
          user.email(),
          user.displayName(),
          user.emailVerified(),
          user.platformRole(),
          user.createdAt(),
          null);
    }

    static UserResponse from(UserService.Profile profile) {
      User user = profile.user();
      return new UserResponse(
          user.id(),
          user.email(),
          user.displayName(),
          user.emailVerified(),
          user.platformRole(),
          user.createdAt(),
          profile
              .currentOrganization()
              .map(o -> new CurrentOrganizationResponse(o.id(), o.name(), o.slug(), o.role()))
              .orElse(null));
    }
  }

  public record AuthResponse(
      UserResponse user,
      String accessToken,
      String refreshToken,
      String tokenType,
      long expiresIn,
      UUID sessionId) {

    public static AuthResponse from(AuthResult result) {
      return new AuthResponse(
          UserResponse.from(result.user()),
          result.accessToken(),
          result.refreshToken(),
          "Bearer",
          result.expiresIn(),
          result.sessionId());
    }

    @Override
    public String toString() {
      return "AuthResponse[user=" + user + ", sessionId=" + sessionId + ", tokens=<redacted>]";
    }
  }

  record SessionResponse(
      UUID id,
      Instant createdAt,
      Instant lastSeenAt,
      String userAgent,
      String ip,
      UUID currentOrganizationId,
      boolean current) {

    static SessionResponse from(Session session, UUID currentSessionId) {
      return new SessionResponse(
          session.id(),
          session.createdAt(),
          session.lastSeenAt(),
          session.userAgent(),
          session.ip(),
          session.currentOrganizationId(),
          session.id().equals(currentSessionId));
    }
  }

  record UserEnvelope(UserResponse user) {}
}
