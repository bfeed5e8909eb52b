package io.atrium.common.authorization;

import io.atrium.common.account.Caller;
import java.util.UUID;

/**
 * Who acts: a person's session or an API key (both a {@link Caller}, read on the request itself),
 * or a job the system runs on an organization's behalf.
 */
public sealed interface Principal permits Caller, SystemJob {
  /** The organization this principal acts in; null for a personal workspace or a platform job. */
  UUID organizationId();
}
