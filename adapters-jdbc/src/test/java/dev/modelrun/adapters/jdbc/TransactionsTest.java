package dev.modelrun.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** On H2 the transactions of a store take turns (see {@link Transactions}); reads do not wait for them. */
class TransactionsTest {
  // why: only a guard against a hang if the turns were broken; nothing here is timed.
  private static final Duration HANG = Duration.ofSeconds(60);

  @Test
  void on_h2_a_transaction_waits_for_the_one_running_while_reads_go_on() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:tx" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    Transactions transactions = new Transactions(h2, Dialect.H2);
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicBoolean secondRan = new AtomicBoolean();

    assertTimeoutPreemptively(HANG, () -> {
      Thread first = Thread.ofPlatform().start(() -> transactions.inRepeatableTransaction("first", connection -> {
        firstInside.countDown();
        awaitQuietly(releaseFirst);
        return null;
      }));
      firstInside.await();
      Thread second = Thread.ofPlatform().start(() -> transactions.inTransaction("second", connection -> {
        secondRan.set(true);
        return null;
      }));
      while (transactions.waitingTransactions() == 0 && !secondRan.get()) {
        Thread.onSpinWait();
      }

      assertThat(secondRan).as("the second ran beside the first").isFalse();
      int read = transactions.autoCommit("reading", connection -> {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 7")) {
          rows.next();
          return rows.getInt(1);
        }
      });
      assertThat(read).isEqualTo(7);

      releaseFirst.countDown();
      first.join();
      second.join();
      assertThat(secondRan).isTrue();
    });
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
