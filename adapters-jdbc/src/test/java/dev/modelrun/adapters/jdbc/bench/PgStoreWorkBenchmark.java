package dev.modelrun.adapters.jdbc.bench;

import dev.modelrun.adapters.jdbc.JdbcConfig;
import dev.modelrun.adapters.jdbc.JdbcJobStore;
import dev.modelrun.adapters.jdbc.JdbcStores;
import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.port.out.WorkQueue.Claim;
import dev.modelrun.core.port.out.WorkQueue.Outcome;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * PostgreSQL's own work per item of the job store alone (no engine): one job's items claimed and completed in
 * batches by one thread over a pool of one connection, so the CPU of that connection's server process is the
 * database's work for them. Prints, per round, the server process's CPU per item, the client's, and the item row
 * updates that were HOT. Arguments: items, rounds, batch. The server must run on this machine (its CPU is read from
 * {@code /proc}).
 */
public final class PgStoreWorkBenchmark {
  private PgStoreWorkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 2_048;
    String url = System.getenv().getOrDefault("MODELRUN_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getenv().getOrDefault("MODELRUN_TEST_PG_USER", "postgres");
    String schema = "mr_work_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    JdbcConfig config = JdbcConfig.of(url, user, "").withSchema(schema).withMaxPoolSize(1);
    try (JdbcStores stores = JdbcStores.open(config)) {
      JdbcJobStore store = stores.jobStore();
      for (int round = 1; round <= rounds; round++) {
        Job job = Jobs.submitted().items(items).build();
        store.create(job, Jobs.itemNames(items));
        long[] before = serverState(stores);
        long clientBefore = clientCpuNanos();
        long start = System.nanoTime();
        Instant now = Instant.now();
        int done = 0;
        Optional<Claim> claim;
        while ((claim = store.claim("bench", Map.of(EchoModel.DESCRIPTOR.ref(), batch), now,
            Duration.ofMinutes(5))).isPresent()) {
          List<Outcome> outcomes = claim.get().items().stream()
              .map(item -> new Outcome(item, ItemState.SUCCEEDED)).toList();
          store.complete("bench", job.id(), outcomes, now);
          done += outcomes.size();
        }
        long wall = System.nanoTime() - start;
        long client = clientCpuNanos() - clientBefore;
        long[] after = serverState(stores);
        System.out.printf("round %d: %,d items in %,d ms (%,.0f items/s); server CPU %.1f µs per item, client %.1f"
                + " µs per item; item updates %,d, HOT %,d%n", round, done, wall / 1_000_000,
            done * 1e9 / wall, (after[0] - before[0]) * 10_000.0 / done, client / 1_000.0 / done,
            after[1] - before[1], after[2] - before[2]);
      }
    } finally {
      try (Connection connection = DriverManager.getConnection(url, user, "");
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  /** The pool's one server process: CPU ticks (1/100 s), and mr_item's updates and HOT updates so far. */
  private static long[] serverState(JdbcStores stores) throws SQLException, IOException {
    try (Connection connection = stores.dataSource().getConnection()) {
      int pid;
      try (Statement statement = connection.createStatement()) {
        // why: a server process sends its table counters at intervals; this makes the next transaction send them.
        try (ResultSet rows = statement.executeQuery("SELECT pg_backend_pid(), pg_stat_force_next_flush()")) {
          rows.next();
          pid = rows.getInt(1);
        }
      }
      connection.setAutoCommit(true);
      try (PreparedStatement statement = connection.prepareStatement("SELECT n_tup_upd, n_tup_hot_upd "
          + "FROM pg_stat_user_tables WHERE relname = 'mr_item' AND schemaname = current_schema()")) {
        // why: read twice; the first statement's end sent the counters, the second sees them.
        statement.executeQuery().close();
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split(" ");
          return new long[] {Long.parseLong(stat[13]) + Long.parseLong(stat[14]), rows.getLong(1), rows.getLong(2)};
        }
      }
    }
  }

  private static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
