package io.atrium.worker.schedule;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's node of the clustered Quartz scheduler: JDBC job store in our database (the qrtz_
 * tables of migration V1), on our pool. Starting it also brings the stored schedules in line with
 * the registered {@link ScheduleDefinition}s.
 */
@Singleton
public final class WorkerScheduler {
  private static final Logger log = LoggerFactory.getLogger(WorkerScheduler.class);

  private final DataSource dataSource;
  private final Set<ScheduleDefinition> definitions;
  private final GuiceJobFactory jobFactory;
  private final QuartzSettings settings;
  private Scheduler scheduler;

  @Inject
  public WorkerScheduler(
      DataSource dataSource,
      Set<ScheduleDefinition> definitions,
      GuiceJobFactory jobFactory,
      QuartzSettings settings) {
    this.dataSource = dataSource;
    this.definitions = definitions;
    this.jobFactory = jobFactory;
    this.settings = settings;
  }

  public void start() throws SchedulerException {
    start(List.of());
  }

  /** Tests listen to the firings from the very first one. */
  synchronized void start(List<JobListener> listeners) throws SchedulerException {
    if (scheduler != null) {
      throw new IllegalStateException("the scheduler was already started");
    }
    // Quartz finds connection providers by name in a JVM-wide registry.
    String dataSourceName = "atrium-" + UUID.randomUUID();
    DBConnectionManager.getInstance()
        .addConnectionProvider(dataSourceName, new DataSourceConnectionProvider(dataSource));
    Scheduler created = new StdSchedulerFactory(properties(dataSourceName)).getScheduler();
    // Quartz also keeps one scheduler per name JVM-wide and would hand a second worker in the
    // same JVM (the tests run two) this one: this instance is ours alone.
    SchedulerRepository.getInstance().remove(settings.schedulerName());
    created.setJobFactory(jobFactory);
    try {
      for (JobListener listener : listeners) {
        created.getListenerManager().addJobListener(listener);
      }
      new ScheduleSync(created).apply(definitions);
      created.start();
    } catch (SchedulerException | RuntimeException e) {
      created.shutdown(false);
      throw e;
    }
    scheduler = created;
    log.info(
        "schedules started on Quartz node {}: {}",
        created.getSchedulerInstanceId(),
        describe(definitions));
  }

  /** Waits for a Quartz job in progress (an enqueue, milliseconds) and leaves the cluster. */
  public synchronized void stop() {
    if (scheduler == null) {
      return;
    }
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("stopping the scheduler: {}", e.toString());
    }
  }

  /** The Quartz scheduler itself, for tests that listen to its firings. */
  Scheduler quartz() {
    return scheduler;
  }

  private Properties properties(String dataSourceName) {
    Properties p = new Properties();
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, settings.schedulerName());
    p.setProperty(
        StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, StdSchedulerFactory.AUTO_GENERATE_INSTANCE_ID);
    p.setProperty(
        StdSchedulerFactory.PROP_SCHED_INSTANCE_ID_GENERATOR_CLASS,
        UniqueInstanceIdGenerator.class.getName());
    p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threadCount()));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty(
        StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    // V1 created the tables unquoted, so PostgreSQL folded QRTZ_ to lower case; Quartz's
    // unquoted queries fold the same way.
    p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    // Without the row lock, Quartz acquires a trigger by its state alone: a node that read the
    // trigger just before another node fired it can acquire it again and fire the same slot
    // twice (ClusteredScheduleIT caught it). Under the lock, reads and firings are serialized.
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval",
        Long.toString(settings.clusterCheckinInterval().toMillis()));
    // Job data as strings, never Java-serialized objects.
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    return p;
  }

  static List<String> describe(Set<ScheduleDefinition> definitions) {
    return definitions.stream().map(ScheduleDefinition::describe).sorted().toList();
  }
}
