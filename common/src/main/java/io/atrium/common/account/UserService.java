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

  public Profile me(Caller caller) {
    return jdbi.inTransaction(
        handle -> {
          User user = handle.attach(UserDao.class).find(caller.userId()).orElseThrow();
          Optional<CurrentOrganization> organization =
              caller.organizationId() == null
                  ? Optional.empty()
                  : handle
                      .createQuery(
                          "SELECT id, name, slug FROM organizations WHERE id = :id AND deleted_at IS NULL")
                      .bind("id", caller.organizationId())
                      .map(
                          (rows, ctx) ->
                              new CurrentOrganization(
                                  rows.getObject("id", UUID.class),
                                  rows.getString("name"),
                                  rows.getString("slug"),
                                  caller.organizationRole()))
                      .findOne();
          return new Profile(user, organization);
        });
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
