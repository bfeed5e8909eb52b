package io.atrium.common.account;

import io.atrium.common.error.InvalidException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The signed-in user's own profile. */
public final class UserService {
  private final Jdbi jdbi;
  private final Clock clock;

  @Inject
  public UserService(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** The user and their current workspace of this session (empty: personal). */
  public record Profile(User user, Optional<CurrentOrganization> currentOrganization) {}

  public record CurrentOrganization(UUID id, String name, String slug, String role) {}

  /**
   * The caller's profile, read afresh. {@code GET /user/me} uses the one read by the authentication
   * query ({@link SessionService.Authenticated#profile}); this serves the routes that change it.
   */
  public Profile me(Caller caller) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    """
                    SELECT u.id, u.email, u.display_name, u.email_verified_at, u.platform_role,
                           u.status, u.created_at, u.updated_at,
                           o.id AS organization_id, o.name AS organization_name, o.slug AS organization_slug
                      FROM users u
                      LEFT JOIN organizations o ON o.id = CAST(:organization AS uuid) AND o.deleted_at IS NULL
                     WHERE u.id = :id
                    """)
                .bind("id", caller.userId())
                .bind("organization", caller.organizationId())
                .map((rows, context) -> profile(rows, caller.organizationRole()))
                .one());
  }

  /**
   * Maps the user and organization columns shared by {@link #me} and {@link CallerDao#FIND_LIVE}.
   * The workspace is the organization only while the user is a member of it ({@code role} set).
   */
  static Profile profile(java.sql.ResultSet rows, String role) throws java.sql.SQLException {
    User user =
        new User(
            rows.getObject("id", UUID.class),
            rows.getString("email"),
            rows.getString("display_name"),
            null,
            instant(rows, "email_verified_at"),
            rows.getString("platform_role"),
            rows.getString("status"),
            instant(rows, "created_at"),
            instant(rows, "updated_at"));
    UUID organizationId = rows.getObject("organization_id", UUID.class);
    return new Profile(
        user,
        organizationId == null || role == null
            ? Optional.empty()
            : Optional.of(
                new CurrentOrganization(
                    organizationId,
                    rows.getString("organization_name"),
                    rows.getString("organization_slug"),
                    role)));
  }

  private static java.time.Instant instant(java.sql.ResultSet rows, String column)
      throws java.sql.SQLException {
    java.time.OffsetDateTime value = rows.getObject(column, java.time.OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public Profile rename(Caller caller, String displayName) {
    if (displayName == null) {
      throw InvalidException.field("display_name", "is required");
    }
    String name = AccountRules.displayName("display_name", displayName);
    jdbi.onDemand(UserDao.class).updateDisplayName(caller.userId(), name, clock.instant());
    return me(caller);
  }
}
