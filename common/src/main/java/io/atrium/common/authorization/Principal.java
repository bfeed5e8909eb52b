package io.atrium.common.authorization;

import java.util.UUID;

/**
 * Who acts: a person's session or an API key (both an {@code account.Caller}, read on the request
 * itself), or a {@link SystemJob} the system runs. Not sealed only because the two live in
 * different packages of an unnamed module; {@link Authorizer} grants nothing to any other kind.
 */
public interface Principal {
  /** The organization this principal acts in; null for a personal workspace or a platform job. */
  UUID organizationId();
}
