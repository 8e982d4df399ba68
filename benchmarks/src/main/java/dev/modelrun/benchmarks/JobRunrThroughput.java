package dev.modelrun.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * JobRunr's no-op jobs on PostgreSQL (its {@code PostgresStorageProvider}, tables in a schema of its own through the
 * table prefix), one background job server per node, each with its own pool and the same worker count as the other
 * systems, polling every 5 s (the least JobRunr allows on a SQL store; it also fetches again as soon as workers run
 * low). The jobs are {@link NoOpJobRequest}s enqueued as one stream ({@code JobRequestScheduler.enqueue(Stream)},
 * saved in batches) while the servers run; done is every job {@code SUCCEEDED} in the store.
 */
final class JobRunrThroughput {
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  private JobRunrThroughput() {}

  static Throughput run(Postgres postgres, int nodes, int items, int workers) throws InterruptedException {
    String schema = postgres.newSchema("bench_jobrunr_");
    List<HikariDataSource> pools = new ArrayList<>();
    List<BackgroundJobServer> servers = new ArrayList<>();
    try {
      RunMarks marks = new RunMarks();
      NoOpJobHandler handler = new NoOpJobHandler(marks);
      JobActivator activator = new JobActivator() {
        @Override
        public <T> T activateJob(Class<T> type) {
          return type == NoOpJobHandler.class ? type.cast(handler) : null;
        }
      };
      JsonMapper json = new JacksonJsonMapper();
      List<PostgresStorageProvider> storages = new ArrayList<>();
      for (int node = 0; node < nodes; node++) {
        HikariDataSource pool = postgres.pool("jobrunr-" + node, workers + 4);
        pools.add(pool);
        PostgresStorageProvider storage = new PostgresStorageProvider(pool, schema + ".",
            node == 0 ? DatabaseOptions.CREATE : DatabaseOptions.SKIP_CREATE);
        storage.setJobMapper(new JobMapper(json));
        storages.add(storage);
        BackgroundJobServer server = new BackgroundJobServer(storage, json, activator,
            BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                .andName("bench-node-" + node).andWorkerCount(workers).andPollInterval(POLL_INTERVAL));
        servers.add(server);
        server.start();
      }
      PostgresStorageProvider first = storages.getFirst();
      Polling.until("JobRunr's servers starting", () -> servers.stream().allMatch(BackgroundJobServer::isRunning),
          Duration.ofMillis(20), Duration.ofMinutes(1));
      long start = System.nanoTime();
      new JobRequestScheduler(first).enqueue(IntStream.range(0, items).mapToObj(NoOpJobRequest::new));
      long submitted = System.nanoTime();
      Polling.until("JobRunr running " + items + " jobs", () -> marks.executions() >= items, Duration.ofMillis(5),
          Duration.ofMinutes(15));
      Polling.until("JobRunr's jobs succeeding", () -> first.countJobs(StateName.SUCCEEDED) >= items,
          Duration.ofMillis(5), Duration.ofMinutes(1));
      long end = System.nanoTime();
      marks.reportIfNotOnce("JobRunr", items);
      return Throughput.of("JobRunr 8.4.0", "PostgreSQL", nodes, items + " jobs", items, start, submitted,
          marks.firstAt(), end);
    } finally {
      servers.forEach(BackgroundJobServer::stop);
      pools.forEach(HikariDataSource::close);
      postgres.dropSchema(schema);
    }
  }
}
