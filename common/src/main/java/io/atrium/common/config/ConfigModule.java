package io.atrium.common.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import io.atrium.common.json.Json;
import java.time.Clock;

/** Binds each narrow config record, the clock and the JSON mapper. */
public final class ConfigModule extends AbstractModule {
  private final AppConfig config;
  private final Clock clock;

  public ConfigModule(AppConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  protected void configure() {
    bind(AppConfig.class).toInstance(config);
    bind(HttpConfig.class).toInstance(config.http());
    bind(DatabaseConfig.class).toInstance(config.database());
    bind(JwtConfig.class).toInstance(config.jwt());
    bind(MailConfig.class).toInstance(config.mail());
    bind(SecretsConfig.class).toInstance(config.secrets());
    bind(PlatformAdminConfig.class).toInstance(config.platformAdmin());
    bind(WorkerConfig.class).toInstance(config.worker());
    bind(NotificationConfig.class).toInstance(config.notifications());
    bind(ProviderConfig.class).toInstance(config.provider());
    bind(ScalewayConfig.class)
        .toInstance(ScalewayConfig.defaults(config.provider().scalewayApiUrl()));
    bind(MetricsConfig.class).toInstance(config.metrics());
    bind(Clock.class).toInstance(clock);
    bind(ObjectMapper.class).toInstance(Json.newMapper());
  }
}
