package io.atrium.common.account;

import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.InvalidException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The signed-in user's own profile. */
public final class UserService {
  private final UnitOfWork work;
  private final Clock clock;

  @Inject
  public UserService(UnitOfWork work, Clock clock) {
    this.work = work;
    this.clock = clock;
  }

  /** The user and their current workspace of this session (empty: personal). */
  public record Profile(User user, Optional<CurrentOrganization> currentOrganization) {}

  public record CurrentOrganization(UUID id, String name, String slug, String role) {}

  /** The caller's profile, read afresh. */
  public Profile me(Caller caller) {
    return work.withHandle(handle -> profile(handle, caller));
  }

  public Profile rename(Caller caller, String displayName) {
    if (displayName == null) {
      throw InvalidException.field("display_name", "is required");
    }
    String name = AccountRules.displayName("display_name", displayName);
    return work.withHandle(
        handle ->
            profile(
                handle
                    .attach(UserDao.class)
                    .rename(caller.userId(), name, clock.instant(), caller.organizationId())
                    .orElseThrow(),
                caller));
  }

  /**
   * The workspace is the caller's organization only while the caller is a member of it, which the
   * authentication of this request read ({@link Caller#organizationRole}).
   */
  private static Profile profile(Handle handle, Caller caller) {
    return profile(
        handle
            .attach(UserDao.class)
            .profile(caller.userId(), caller.organizationId())
            .orElseThrow(),
        caller);
  }

  private static Profile profile(UserDao.ProfileRow row, Caller caller) {
    User user =
        new User(
            row.id(),
            row.email(),
            row.displayName(),
            null,
            row.emailVerifiedAt(),
            row.platformRole(),
            row.status(),
            row.createdAt(),
            row.updatedAt());
    return new Profile(
        user,
        row.organizationId() == null || caller.organizationRole() == null
            ? Optional.empty()
            : Optional.of(
                new CurrentOrganization(
                    row.organizationId(),
                    row.organizationName(),
                    row.organizationSlug(),
                    caller.organizationRole())));
  }
}
