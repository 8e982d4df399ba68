package dev.modelrun.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * db-scheduler's one-time no-op tasks on PostgreSQL, in its {@code lock-and-fetch} polling mode (one {@code UPDATE
 * ... FOR UPDATE SKIP LOCKED ... RETURNING} per fetch) with the settings its README gives for high throughput
 * ({@code 1.0, 4.0}), one scheduler per node, each with its own pool, on a table in a schema of its own. The tasks
 * are scheduled with {@code scheduleBatch} in batches of 1,000 while the schedulers run; done is every task executed
 * and its row deleted (a one-time task's completion).
 */
final class DbSchedulerThroughput {
  /** db-scheduler's PostgreSQL table (its test resources' DDL of the 16.x line), in a given schema. */
  private static final String TABLE = """
      CREATE TABLE %1$s.scheduled_tasks (
        task_name TEXT NOT NULL,
        task_instance TEXT NOT NULL,
        task_data BYTEA,
        execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
        picked BOOLEAN NOT NULL,
        picked_by TEXT,
        last_success TIMESTAMP WITH TIME ZONE,
        last_failure TIMESTAMP WITH TIME ZONE,
        consecutive_failures INT,
        last_heartbeat TIMESTAMP WITH TIME ZONE,
        version BIGINT NOT NULL,
        priority SMALLINT,
        PRIMARY KEY (task_name, task_instance));
      CREATE INDEX execution_time_idx ON %1$s.scheduled_tasks (execution_time);
      CREATE INDEX last_heartbeat_idx ON %1$s.scheduled_tasks (last_heartbeat);
      CREATE INDEX priority_execution_time_idx ON %1$s.scheduled_tasks (priority DESC, execution_time ASC);
      """;
  private static final int SCHEDULE_BATCH = 1_000;
  // why: db-scheduler's default is 10 s; a short poll only helps it here (the first fetch after scheduling, and
  // fetches after a partial batch), so the comparison does not hinge on it.
  private static final Duration POLLING_INTERVAL = Duration.ofMillis(100);

  private DbSchedulerThroughput() {}

  static Throughput run(Postgres postgres, int nodes, int items, int threads) throws InterruptedException {
    String schema = postgres.newSchema("bench_dbsched_");
    List<HikariDataSource> pools = new ArrayList<>();
    List<Scheduler> schedulers = new ArrayList<>();
    try {
      postgres.execute(TABLE.formatted(schema));
      RunMarks marks = new RunMarks();
      OneTimeTask<Void> task = Tasks.oneTime("noop").execute((instance, context) -> marks.executed());
      for (int node = 0; node < nodes; node++) {
        HikariDataSource pool = postgres.pool("dbsched-" + node, threads + 4);
        pools.add(pool);
        Scheduler scheduler = Scheduler.create(pool, task).tableName(schema + ".scheduled_tasks").threads(threads)
            .pollUsingLockAndFetch(1.0, 4.0).pollingInterval(POLLING_INTERVAL)
            .schedulerName(new SchedulerName.Fixed("bench-node-" + node)).shutdownMaxWait(Duration.ofSeconds(5))
            .build();
        schedulers.add(scheduler);
        scheduler.start();
      }
      long start = System.nanoTime();
      Instant now = Instant.now();
      for (int first = 0; first < items; first += SCHEDULE_BATCH) {
        List<TaskInstance<?>> batch = new ArrayList<>(SCHEDULE_BATCH);
        for (int i = first; i < Math.min(items, first + SCHEDULE_BATCH); i++) {
          batch.add(task.instance(Integer.toString(i)));
        }
        schedulers.getFirst().scheduleBatch(batch, now);
      }
      long submitted = System.nanoTime();
      String left = "SELECT count(*) FROM " + schema + ".scheduled_tasks";
      Polling.until("db-scheduler executing " + items + " tasks", () -> marks.executions() >= items,
          Duration.ofMillis(5), Duration.ofMinutes(10));
      Polling.until("db-scheduler deleting its executed tasks", () -> postgres.count(left) == 0, Duration.ofMillis(5),
          Duration.ofMinutes(1));
      long end = System.nanoTime();
      marks.reportIfNotOnce("db-scheduler", items);
      return Throughput.of("db-scheduler 16.7.1 (lock-and-fetch)", "PostgreSQL", nodes, items + " tasks", items,
          start, submitted, marks.firstAt(), end);
    } finally {
      schedulers.forEach(Scheduler::stop);
      pools.forEach(HikariDataSource::close);
      postgres.dropSchema(schema);
    }
  }
}
