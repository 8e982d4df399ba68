package dev.modelrun.adapters.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the nodes of one database that new work was queued. On PostgreSQL through LISTEN/NOTIFY: a change that
 * queues work sends a NOTIFY after its commit, and each node that subscribed listens on a dedicated connection (not
 * the pool's), waking its listeners within milliseconds; after a lost connection it reconnects and wakes them once,
 * in case a notification was missed. On H2 (one node) the listeners of this JVM are called directly.
 */
final class WorkNotifications implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkNotifications.class);

  private final JdbcConfig config;
  private final Dialect dialect;
  private final Transactions transactions;
  private final String channel;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private Thread listener;
  private volatile boolean closed;

  WorkNotifications(JdbcConfig config, Dialect dialect, Transactions transactions) {
    this.config = config;
    this.dialect = dialect;
    this.transactions = transactions;
    this.channel = "modelrun_work" + (config.schema().isEmpty() ? "" : "_" + config.schema().toLowerCase());
  }

  /** New work was committed: wake the listeners of every node. */
  void publish() {
    if (dialect == Dialect.H2) {
      wake();
      return;
    }
    try {
      transactions.autoCommit("notifying new work", connection -> {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, '')")) {
          statement.setString(1, channel);
          statement.execute();
        }
        return null;
      });
    } catch (StoreException e) {
      // why: the work is stored; idle nodes still find it at their next poll.
      LOG.warn("could not notify other nodes of new work: {}", e.getMessage());
    }
  }

  /** Calls {@code onWork} whenever new work may have been queued by any node. */
  synchronized void subscribe(Runnable onWork) {
    listeners.add(onWork);
    if (dialect == Dialect.POSTGRESQL && listener == null && !closed) {
      listener = Thread.ofPlatform().daemon().name("modelrun-listen").start(this::listen);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (listener != null) {
      listener.interrupt();
    }
  }

  private void listen() {
    int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, config.pollInterval().toMillis()));
    while (!closed) {
      try (Connection connection = DriverManager.getConnection(config.url(), config.user(), config.password())) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + channel);
        }
        wake();
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] notifications = pg.getNotifications(timeout);
          if (notifications != null && notifications.length > 0) {
            wake();
          }
        }
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        LOG.warn("listening for new work failed ({}); again in {}", e.getMessage(), config.pollInterval());
        try {
          Thread.sleep(Duration.ofMillis(Math.max(100, config.pollInterval().toMillis())));
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void wake() {
    for (Runnable onWork : listeners) {
      try {
        onWork.run();
      } catch (RuntimeException e) {
        LOG.warn("a new-work listener threw; ignored", e);
      }
    }
  }
}
