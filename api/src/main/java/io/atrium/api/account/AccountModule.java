package io.atrium.api.account;

import com.google.inject.AbstractModule;
import io.atrium.common.account.LoginLimits;
import io.atrium.common.ratelimit.RateLimits;

/** Bindings of the account feature. */
public final class AccountModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(RateLimits.class).toInstance(RateLimits.production());
    bind(LoginLimits.class).toInstance(LoginLimits.production());
  }
}
