package dev.modelrun.adapters.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.modelrun.core.port.out.InputReferences;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The durable stores of one database, opened together on one connection pool: {@link #jobStore()} (jobs and their
 * work), {@link #resultStore()} and {@link #inputStore()}. Opening migrates the schema to the latest version;
 * {@link #close()} closes the pool (close the engine first, so it can hand its running work back).
 *
 * <pre>{@code
 * JdbcStores stores = JdbcStores.open(JdbcConfig.fromEnvironment(System.getenv()), null,
 *     List.of(s3.inputReferences()));
 * ModelRunEngine engine = ModelRunEngine.builder().jobStore(stores.jobStore())
 *     .resultStore(stores.resultStore()).inputStore(stores.inputStore()).build();
 * }</pre>
 */
public final class JdbcStores implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final JdbcJobStore jobStore;
  private final JdbcResultStore resultStore;
  private final JdbcInputStore inputStore;
  private final WorkNotifications notifications;

  private JdbcStores(HikariDataSource dataSource, Dialect dialect, JdbcConfig config,
      List<InputReferences> references) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    Transactions transactions = new Transactions(dataSource, dialect);
    this.notifications = new WorkNotifications(config, dialect, transactions);
    this.jobStore = new JdbcJobStore(transactions, dialect, notifications::publish);
    this.resultStore = new JdbcResultStore(transactions, dialect);
    this.inputStore = new JdbcInputStore(transactions, dialect, references);
  }

  /**
   * Connects, creates the schema if one is named and missing, and migrates it.
   *
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static JdbcStores open(JdbcConfig config) {
    return open(config, null);
  }

  /**
   * As {@link #open(JdbcConfig)}, with the connection pool's meters (connections active, idle, pending, acquire
   * and usage times) in {@code meters}.
   */
  public static JdbcStores open(JdbcConfig config, MeterRegistry meters) {
    return open(config, meters, List.of());
  }

  /**
   * As {@link #open(JdbcConfig, MeterRegistry)} ({@code meters} may be null), with an input store that keeps the
   * inputs {@code references} can open again (S3 objects: the S3 adapter's) as references, not bytes (see {@link
   * JdbcInputStore}).
   */
  public static JdbcStores open(JdbcConfig config, MeterRegistry meters, List<InputReferences> references) {
    requireNonNull(config, "config");
    List<InputReferences> openers = List.copyOf(references);
    Dialect dialect = Dialect.of(config.url());
    if (!config.schema().isEmpty()) {
      createSchema(config);
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("modelrun");
    hikari.setJdbcUrl(config.url());
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(config.maxPoolSize());
    if (!config.schema().isEmpty()) {
      hikari.setSchema(config.schema());
    }
    if (meters != null) {
      hikari.setMetricRegistry(meters);
    }
    if (dialect == Dialect.POSTGRESQL) {
      // why: a batch of inserts (a batch of results) goes as multi-row INSERTs, several times faster. (A submit's
      // items and inputs go by COPY: PgCopy.)
      hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + config.url() + ": " + e.getMessage(), e);
    }
    try {
      if (dialect == Dialect.H2) {
        writeEveryCommit(dataSource, config);
      }
      Migrations.migrate(dataSource, dialect);
      return new JdbcStores(dataSource, dialect, config, openers);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /** Jobs and their work: pass it to the engine builder's {@code jobStore}. */
  public JdbcJobStore jobStore() {
    return jobStore;
  }

  public JdbcResultStore resultStore() {
    return resultStore;
  }

  public JdbcInputStore inputStore() {
    return inputStore;
  }

  /**
   * Calls {@code onWork} (quickly: it runs on the listening thread) whenever any node sharing this database queued
   * new work: a submit, a closed chunked job, work handed back or recovered. On PostgreSQL this is LISTEN/NOTIFY,
   * within milliseconds; on H2 the calls come from this JVM's own changes. Wire it to the engine's wake-up so idle
   * workers of every node start at once instead of at their next poll.
   */
  public void onNewWork(Runnable onWork) {
    notifications.subscribe(requireNonNull(onWork, "onWork"));
  }

  /** The pool, for diagnostics and tests. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** True on PostgreSQL, false on H2. */
  public boolean isPostgres() {
    return dialect == Dialect.POSTGRESQL;
  }

  /** Closes the pool; connections in use are closed as they come back. */
  @Override
  public void close() {
    notifications.close();
    dataSource.close();
  }

  // why: H2's default write delay writes the file from background threads, whose writes a killed process can leave
  // so that the file no longer opens; without one, each commit is written before it returns (see JdbcConfig).
  // H2 lets only an administrator change it.
  private static void writeEveryCommit(DataSource dataSource, JdbcConfig config) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET WRITE_DELAY 0");
    } catch (SQLException e) {
      throw new StoreException("the H2 user " + config.user() + " cannot run SET WRITE_DELAY 0, which makes H2 write "
          + "each commit before it returns; use an administrator (the embedded default, sa, is one): "
          + e.getMessage(), e);
    }
  }

  private static void createSchema(JdbcConfig config) {
    try (Connection connection = DriverManager.getConnection(config.url(), config.user(), config.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + config.schema());
    } catch (SQLException e) {
      throw new StoreException("cannot create schema " + config.schema() + ": " + e.getMessage(), e);
    }
  }
}
