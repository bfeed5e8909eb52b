package io.atrium.api;

import com.google.inject.Module;
import io.atrium.api.account.AccountModule;
import java.util.List;

/** The web process's feature modules, one per feature package. */
final class FeatureModules {
  private FeatureModules() {}

  static List<Module> all() {
    return List.of(new AccountModule());
  }
}
