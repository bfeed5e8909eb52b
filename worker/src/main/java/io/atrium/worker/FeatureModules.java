package io.atrium.worker;

import com.google.inject.Module;
import io.atrium.worker.audit.AuditWorkerModule;
import io.atrium.worker.mail.MailWorkerModule;
import io.atrium.worker.maintenance.MaintenanceWorkerModule;
import io.atrium.worker.notification.NotificationWorkerModule;
import io.atrium.worker.provider.ProviderWorkerModule;
import java.util.List;

/**
 * The worker's feature modules, one per feature package; each registers its job handlers ({@code
 * JobHandlers.register}) and schedules ({@code Schedules.register}).
 */
public final class FeatureModules {
  private FeatureModules() {}

  public static List<Module> all() {
    return List.of(
        // ---- feature modules: add one line per feature ----
        new MailWorkerModule(),
        new NotificationWorkerModule(),
        new MaintenanceWorkerModule(),
        new AuditWorkerModule(),
        new ProviderWorkerModule());
  }
}
