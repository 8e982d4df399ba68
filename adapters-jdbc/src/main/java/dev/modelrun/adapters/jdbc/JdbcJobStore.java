package dev.modelrun.adapters.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.modelrun.adapters.jdbc.JobRows.uuid;
import static dev.modelrun.adapters.jdbc.Transactions.instant;
import static dev.modelrun.adapters.jdbc.Transactions.timestamp;
import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ConcurrentUpdateException;
import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.out.IdempotentRequest;
import dev.modelrun.core.port.out.JobStore;
import dev.modelrun.core.port.out.WorkQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The durable job store and work queue, on H2 or PostgreSQL. Jobs are rows of {@code mr_job} (the job's fields and
 * counters as columns); items are narrow rows of {@code mr_item} (state, lease owner and expiry, attempts).
 *
 * <p>Every change that moves a job's work changes its items and the job's row (the counters) in one transaction, so the
 * counters always match the items. On H2 each locks the job's row first. On PostgreSQL only a claim does (it picks its
 * job by locking the row, and skips locked items); completions, stops and recoveries lock their claims' rows, then
 * change their items, and lock the job's row last, so the row, which all of a job's claims and completions take in
 * turn, is not held while hundreds of items change. Whoever holds the row waits for no item (a claim skips locked
 * items; the others changed theirs already), so waits never cycle through the row; two that change the same items at
 * once (a stop and a completion) may deadlock on them, which the database breaks and {@link Transactions} runs again.
 *
 * <p>A claim takes a batch of a job's queued items. On PostgreSQL a claim of new items (those past the job's
 * {@code claim_cursor}) writes no item: it moves the cursor and records the range as one row of {@code mr_claim}
 * (owner, expiry, items not yet ended), and its items stay as submitted until a completion, which locks that row first,
 * ends them; handed-back items are leased one by one ({@code FOR UPDATE SKIP LOCKED}, state 'R' with owner and expiry
 * on the item). So the only write of most items after their insert is their end, which changes no indexed column and is
 * a HOT update (migration V4). On H2 claims of this JVM take turns, as all its writes do, and lease each item. A lease
 * lives while its claim's or item's {@code lease_until} or its owner's heartbeat ({@code mr_worker}, moved by {@link
 * #renew} in one statement) has not passed; {@link #recoverExpired} hands back the rest. Owners are suffixed with this
 * store's incarnation, so leases of a process that restarted under the same node name are not renewed by the new one;
 * {@link #handBackFormerLeases} hands them back at once.
 *
 * <p>Times are the engine's {@code now} (the contract's explicit times), so nodes sharing a database need clocks kept
 * in step (NTP); the lease must be far longer than their skew.
 */
public final class JdbcJobStore implements JobStore, WorkQueue {
  private static final int INSERT_BATCH = 5_000;
  private static final int CLAIM_ATTEMPTS = 3;
  private static final String RUNNABLE = "status IN ('SUBMITTED', 'IN_PROGRESS') AND pending_items > 0";

  private final Transactions transactions;
  private final Dialect dialect;
  private final String incarnation = "/" + UUID.randomUUID().toString().substring(0, 8);
  // why: this store's claims, item name to seq (and claim) per job, so completions go by primary key and items need
  // no index on their names; a completion of an item not claimed here is refused anyway (the lease owner differs).
  // An item holds its newest claim only, with its owner: an earlier owner's late completion neither uses nor drops it.
  private final Map<JobId, Map<String, ClaimedItem>> claimed = new ConcurrentHashMap<>();
  private final Runnable onNewWork;
  private final String updateWithTurn;
  private final String insertTakingTurn;
  private final String updateTakingTurn;

  JdbcJobStore(Transactions transactions, Dialect dialect, Runnable onNewWork) {
    this.transactions = transactions;
    this.dialect = dialect;
    this.onNewWork = onNewWork;
    this.updateWithTurn = JobRows.UPDATE.replace("UPDATE mr_job SET ",
        "UPDATE mr_job SET claim_cursor = ?, claim_turn = " + dialect.nextClaimTurn() + ", ");
    // why: a job joins the back of the rotation when it is stored and again when it is enqueued, as in the in-memory
    // store's ring. With the column's default turn 0, every new job went before each job that had had a turn, so a
    // steady stream of new jobs held back the rest of a partly claimed job for as long as the stream lasted.
    this.insertTakingTurn = JobRows.INSERT.replace("INSERT INTO mr_job (", "INSERT INTO mr_job (claim_turn, ")
        .replace(") VALUES (", ") VALUES (" + dialect.nextClaimTurn() + ", ");
    this.updateTakingTurn = JobRows.UPDATE.replace("UPDATE mr_job SET ",
        "UPDATE mr_job SET claim_turn = " + dialect.nextClaimTurn() + ", ");
  }

  @Override
  public void create(Job job, List<String> items) {
    requireNonNull(job, "job");
    List<String> names = checkedItems(job.status() != JobStatus.OPEN, items);
    transactions.inTransaction("storing job " + job.id(), connection -> {
      insertJob(connection, job);
      insertItems(connection, job.id(), names);
      return null;
    });
    if (!names.isEmpty()) {
      onNewWork.run();
    }
  }

  @Override
  public Optional<IdempotentRequest> createOnce(Job job, List<String> items, IdempotentRequest request) {
    requireNonNull(job, "job");
    requireNonNull(request, "request");
    List<String> names = checkedItems(job.status() != JobStatus.OPEN, items);
    for (int attempt = 1; ; attempt++) {
      try {
        Optional<IdempotentRequest> earlier = transactions.inTransaction("storing job " + job.id(), connection -> {
          Optional<IdempotentRequest> stored = selectRequest(connection, request.keyPrefix(), request.key(), true);
          if (stored.isPresent() && stored.get().expiresAt().isAfter(job.createdAt())) {
            return stored;
          }
          insertJob(connection, job);
          insertItems(connection, job.id(), names);
          saveRequest(connection, request, stored.isPresent());
          return Optional.empty();
        });
        if (earlier.isEmpty() && !names.isEmpty()) {
          onNewWork.run();
        }
        return earlier;
      } catch (StoreException e) {
        // why: two first uses of one key raced; the loser's insert hit the key, and its retry finds the winner's.
        if (attempt >= 2 || !Transactions.isUniqueViolation(e)) {
          throw e;
        }
      }
    }
  }

  @Override
  public Optional<IdempotentRequest> idempotentRequest(String keyPrefix, String key, Instant now) {
    requireNonNull(now, "now");
    return transactions.autoCommit("reading an idempotency key",
        connection -> selectRequest(connection, keyPrefix, key, false))
        .filter(request -> request.expiresAt().isAfter(now));
  }

  @Override
  public Optional<Job> find(JobId id) {
    requireNonNull(id, "id");
    return transactions.autoCommit("reading job " + id, connection -> selectJob(connection, id, false));
  }

  @Override
  public void update(Job job) {
    requireNonNull(job, "job");
    transactions.inTransaction("updating job " + job.id(), connection -> {
      updateJob(connection, job, JobRows.UPDATE);
      return null;
    });
  }

  @Override
  public Page history(CallerIdentity owner, JobQuery query) {
    requireNonNull(owner, "owner");
    requireNonNull(query, "query");
    HistoryQuery sql = HistoryQuery.of(owner, query, dialect);
    return transactions.autoCommit("listing jobs", connection -> {
      long count;
      try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM mr_job " + sql.where())) {
        sql.bind(statement);
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          count = rows.getLong(1);
        }
      }
      List<Job> jobs = new ArrayList<>();
      if (query.offset() < count) {
        try (PreparedStatement statement = connection.prepareStatement(JobRows.SELECT + " " + sql.where()
            + " ORDER BY " + sql.orderBy() + " LIMIT ? OFFSET ?")) {
          int next = sql.bind(statement);
          statement.setInt(next, query.perPage());
          statement.setLong(next + 1, query.offset());
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              jobs.add(JobRows.read(rows));
            }
          }
        }
      }
      return new Page(jobs, count);
    });
  }

  @Override
  public List<String> itemNames(JobId id) {
    requireNonNull(id, "id");
    return transactions.autoCommit("reading the items of job " + id, connection -> {
      try (PreparedStatement statement = connection.prepareStatement(
          "SELECT name FROM mr_item WHERE job_id = ? ORDER BY seq")) {
        statement.setObject(1, uuid(id));
        statement.setFetchSize(10_000);
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            names.add(rows.getString(1));
          }
        }
        return names;
      }
    });
  }

  @Override
  public List<Job> overdue(Instant now, int limit) {
    requireNonNull(now, "now");
    return transactions.autoCommit("listing overdue jobs", connection -> {
      try (PreparedStatement statement = connection.prepareStatement(JobRows.SELECT + (dialect == Dialect.H2
          ? " WHERE unfinished = TRUE AND deadline_at <= ? ORDER BY unfinished, deadline_at LIMIT ?"
          : " WHERE status IN ('SUBMITTED', 'IN_PROGRESS') AND deadline_at <= ? ORDER BY deadline_at LIMIT ?"))) {
        statement.setObject(1, timestamp(now));
        statement.setInt(2, limit);
        return readJobs(statement);
      }
    });
  }

  @Override
  public Backlog backlog() {
    // why: the runnable index (on H2 the TRUE part of mr_job_claim) holds exactly these jobs, so this reads the
    // runnable jobs, not their items.
    return transactions.autoCommit("reading the backlog", connection -> {
      try (PreparedStatement statement = connection.prepareStatement("SELECT COALESCE(SUM(pending_items), 0),"
          + " MIN(submitted_at) FROM mr_job WHERE " + (dialect == Dialect.H2 ? "claimable = TRUE" : RUNNABLE));
          ResultSet rows = statement.executeQuery()) {
        rows.next();
        long queued = rows.getLong(1);
        return queued == 0 ? Backlog.EMPTY
            : new Backlog(queued, Optional.of(instant(rows.getObject(2, OffsetDateTime.class))));
      }
    });
  }

  @Override
  public void enqueue(Job submitted, List<String> items) {
    requireNonNull(submitted, "submitted");
    checkArgument(submitted.status() == JobStatus.SUBMITTED, "only a SUBMITTED job is enqueued");
    List<String> names = checkedItems(true, items);
    transactions.inTransaction("enqueuing job " + submitted.id(), connection -> {
      updateJob(connection, submitted, updateTakingTurn);
      insertItems(connection, submitted.id(), names);
      return null;
    });
    onNewWork.run();
  }

  @Override
  public Optional<Claim> claim(String owner, Map<ModelRef, Integer> batchSizes, Instant now, Duration lease) {
    requireNonNull(owner, "owner");
    requireNonNull(now, "now");
    requireNonNull(lease, "lease");
    Map<ModelRef, Integer> wanted = batchSizes.entrySet().stream()
        .filter(entry -> entry.getValue() != null && entry.getValue() > 0)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    if (dialect == Dialect.H2) {
      // why: H2 has no SKIP LOCKED; the write transactions of this JVM (the only one on an H2 file) take turns
      // (Transactions), claims among them.
      return transactions.inRepeatableTransaction("claiming work", connection -> {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
          Optional<UUID> next = nextJobOnH2(connection, wanted);
          if (next.isEmpty()) {
            return Optional.empty();
          }
          // why: picked without locks, so the job may have stopped since; its row, locked, says.
          Optional<LockedJob> job = lockJob(connection, next.get()).filter(locked -> isClaimable(locked.job()));
          if (job.isPresent()) {
            return claimItems(connection, job.get(), leaseOwner(owner), wanted.get(job.get().job().model()),
                now, now.plus(lease));
          }
        }
        return Optional.empty();
      });
    }
    return transactions.inRepeatableTransaction("claiming work", connection -> {
      for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
        Optional<LockedJob> job = lockRunnableJob(connection, wanted);
        if (job.isPresent()) {
          return claimItems(connection, job.get(), leaseOwner(owner), wanted.get(job.get().job().model()), now,
              now.plus(lease));
        }
        // why: a job locked by another claimer is skipped when that claim took its last items; look again only
        // while some job still has work.
        if (!anyRunnable(connection, wanted)) {
          return Optional.empty();
        }
      }
      return Optional.empty();
    });
  }

  @Override
  public Completion complete(String owner, JobId id, List<Outcome> outcomes, Instant now) {
    requireNonNull(owner, "owner");
    requireNonNull(id, "id");
    requireNonNull(now, "now");
    List<Outcome> ended = List.copyOf(outcomes);
    String leaseOwner = leaseOwner(owner);
    // why: read before and forgotten only after the commit, so a transaction the database rolled back (a deadlock
    // it broke) can run again with them; forgotten first, its items would stay claimed for good.
    ClaimedItem[] items = claimedItems(id, leaseOwner, ended);
    Completion completion;
    try {
      completion = transactions.inRepeatableTransaction("completing work of job " + id, connection -> {
        if (dialect == Dialect.POSTGRESQL) {
          // why: the items end before the job's row is locked, so the row, which every claim of the job locks too,
          // is held for its own read and write only, not while hundreds of items change (see the class comment).
          boolean[] accepted = endItemsOnPostgres(connection, id, leaseOwner, ended, items);
          Job job = selectJob(connection, id, true).orElseThrow(() -> new IllegalArgumentException("no job " + id));
          if (job.status() != JobStatus.IN_PROGRESS) {
            // why: rolls the items back; a job that is not in progress takes no completion.
            throw new NotInProgress(job);
          }
          return endWork(connection, job, ended, accepted, now);
        }
        Job job = selectJob(connection, id, true).orElseThrow(() -> new IllegalArgumentException("no job " + id));
        if (job.status() != JobStatus.IN_PROGRESS) {
          return refuseAll(job, ended);
        }
        return endWork(connection, job, ended, endItems(connection, id, leaseOwner, ended, items), now);
      });
    } catch (NotInProgress e) {
      completion = refuseAll(e.job, ended);
    }
    forgetClaims(id, leaseOwner, ended);
    if (completion.refused().size() < ended.size()
        && ended.stream().anyMatch(outcome -> outcome.state() == ItemState.QUEUED)) {
      onNewWork.run();
    }
    return completion;
  }

  /** Counts the accepted outcomes into the locked, in-progress job and writes it. */
  private static Completion endWork(Connection connection, Job job, List<Outcome> ended, boolean[] accepted,
      Instant now) throws SQLException {
    Completion completion = Completion.of(job, ended, accepted, now);
    if (completion.job() != job) {
      updateJob(connection, completion.job(), JobRows.UPDATE);
    }
    return completion;
  }

  private static Completion refuseAll(Job job, List<Outcome> ended) {
    return new Completion(job, ended.stream().map(Outcome::item).collect(Collectors.toSet()));
  }

  /** Thrown inside a completion's transaction to roll it back: the job is no longer in progress. */
  private static final class NotInProgress extends RuntimeException {
    private final transient Job job;

    NotInProgress(Job job) {
      super("job " + job.id() + " is " + job.status(), null, false, false);
      this.job = job;
    }
  }

  @Override
  public void stop(Job stopped) {
    requireNonNull(stopped, "stopped");
    checkArgument(stopped.status().isTerminal(), "a stopped job is terminal");
    transactions.inTransaction("stopping job " + stopped.id(), connection -> {
      if (dialect == Dialect.POSTGRESQL) {
        dropWork(connection, stopped.id());
      }
      updateJob(connection, stopped, JobRows.UPDATE);
      if (dialect == Dialect.H2) {
        dropWork(connection, stopped.id());
      }
      return null;
    });
  }

  @Override
  public Job stop(JobId id, UnaryOperator<Job> transition) {
    requireNonNull(id, "id");
    requireNonNull(transition, "transition");
    // why: the job's row is locked while the transition applies, so completions of other nodes wait instead of
    // making the stop retry on a version they keep moving. On PostgreSQL its items go first, as completions do;
    // the transition refusing rolls them back.
    return transactions.inTransaction("stopping job " + id, connection -> {
      if (dialect == Dialect.POSTGRESQL) {
        dropWork(connection, id);
      }
      Job current = selectJob(connection, id, true).orElseThrow(() -> new IllegalArgumentException("no job " + id));
      Job stopped = transition.apply(current);
      checkArgument(stopped.status().isTerminal(), "a stopped job is terminal");
      updateJob(connection, stopped, JobRows.UPDATE);
      if (dialect == Dialect.H2) {
        dropWork(connection, id);
      }
      return stopped;
    });
  }

  /** Drops the job's queued and running items: they never run (again). */
  private void dropWork(Connection connection, JobId id) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      // why: the claims' rows go first, as completions lock them before their items; a late completion of one of
      // them finds no row and ends nothing.
      try (PreparedStatement statement = connection.prepareStatement("DELETE FROM mr_claim WHERE job_id = ?")) {
        statement.setObject(1, uuid(id));
        statement.executeUpdate();
      }
    }
    try (PreparedStatement statement = connection.prepareStatement("UPDATE mr_item SET state = 'D', "
        + "lease_owner = NULL, lease_until = NULL WHERE job_id = ? AND state IN ('Q', 'R')")) {
      statement.setObject(1, uuid(id));
      statement.executeUpdate();
    }
  }

  @Override
  public int renew(String owner, Instant now, Duration lease) {
    requireNonNull(owner, "owner");
    String leaseOwner = leaseOwner(owner);
    OffsetDateTime until = timestamp(now.plus(lease));
    return transactions.inRepeatableTransaction("renewing the leases of " + owner, connection -> {
      String upsert = dialect == Dialect.H2
          ? "MERGE INTO mr_worker (owner, lease_until) KEY (owner) VALUES (?, ?)"
          : "INSERT INTO mr_worker (owner, lease_until) VALUES (?, ?) "
              + "ON CONFLICT (owner) DO UPDATE SET lease_until = EXCLUDED.lease_until";
      try (PreparedStatement statement = connection.prepareStatement(upsert)) {
        statement.setString(1, leaseOwner);
        statement.setObject(2, until);
        statement.executeUpdate();
      }
      try (PreparedStatement statement = connection.prepareStatement(dialect == Dialect.H2
          ? "SELECT COUNT(*) FROM mr_item WHERE lease_owner = ? AND state = 'R'"
          : "SELECT (SELECT COUNT(*) FROM mr_item WHERE lease_owner = ? AND state = 'R') "
              + "+ (SELECT COALESCE(SUM(remaining), 0) FROM mr_claim WHERE lease_owner = ?)")) {
        statement.setString(1, leaseOwner);
        if (dialect == Dialect.POSTGRESQL) {
          statement.setString(2, leaseOwner);
        }
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          return rows.getInt(1);
        }
      }
    });
  }

  @Override
  public int recoverExpired(Instant now) {
    requireNonNull(now, "now");
    OffsetDateTime at = timestamp(now);
    int recovered = handBack(new DeadLeases("expired leases", table -> "lease_until < ? AND NOT EXISTS "
        + "(SELECT 1 FROM mr_worker w WHERE w.owner = " + table + ".lease_owner AND w.lease_until >= ?)",
        statement -> {
          statement.setObject(1, at);
          statement.setObject(2, at);
          return 3;
        }), now);
    // why: a heartbeat that has run out keeps no lease alive (LIVE_OWNER), so its row only piles up: nodes named at
    // random leave one per start. A node that is only late writes its row again at its next renewal.
    transactions.inRepeatableTransaction("forgetting expired heartbeats", connection -> {
      try (PreparedStatement statement = connection.prepareStatement(
          "DELETE FROM mr_worker WHERE lease_until < ?")) {
        statement.setObject(1, at);
        return statement.executeUpdate();
      }
    });
    return recovered;
  }

  /**
   * Hands back the items leased by former lives of {@code owner}: owners of the form {@code owner + "/" +
   * <incarnation>} other than this store's. Their heartbeat rows go too.
   */
  @Override
  public int handBackFormerLeases(String owner, Instant now) {
    requireNonNull(owner, "owner");
    requireNonNull(now, "now");
    String prefix = owner + "/";
    String mine = leaseOwner(owner);
    Binder formerLife = statement -> {
      statement.setInt(1, prefix.length());
      statement.setString(2, prefix);
      statement.setInt(3, mine.length());
      statement.setString(4, mine);
      return 5;
    };
    int handedBack = handBack(new DeadLeases("leases of former lives of " + owner,
        table -> formerLifeOf("lease_owner"), formerLife), now);
    transactions.inRepeatableTransaction("forgetting the former lives of " + owner, connection -> {
      try (PreparedStatement statement = connection.prepareStatement("DELETE FROM mr_worker WHERE "
          + formerLifeOf("owner"))) {
        formerLife.bind(statement);
        return statement.executeUpdate();
      }
    });
    return handedBack;
  }

  /**
   * The condition that the owner in {@code column} is a former life of a node: the node's name and "/" first, as
   * long as this life's owner, and not this life's owner (parameters: prefix length, prefix, length, this owner).
   */
  private static String formerLifeOf(String column) {
    // why: by prefix and length, not LIKE, so a node name with % or _ matches only itself; another node's owner can
    // start with this prefix only if that node's name is longer, which makes the owner longer too.
    return "LEFT(" + column + ", ?) = ? AND LENGTH(" + column + ") = ? AND " + column + " <> ?";
  }

  /**
   * Which leases are dead: a condition on a table with lease_owner and lease_until ({@code mr_item} or
   * {@code mr_claim}, the table's name given), and how to bind its parameters.
   */
  private record DeadLeases(String what, UnaryOperator<String> condition, Binder binder) {
    String on(String table) {
      return condition.apply(table);
    }
  }

  /** Binds a condition's parameters from index 1; returns the next free index. */
  @FunctionalInterface
  private interface Binder {
    int bind(PreparedStatement statement) throws SQLException;
  }

  private int handBack(DeadLeases dead, Instant now) {
    int recovered = dialect == Dialect.POSTGRESQL ? handBackRanges(dead, now) : 0;
    List<UUID> jobs = transactions.autoCommit("looking for " + dead.what(), connection -> {
      try (PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT job_id FROM mr_item "
          + "WHERE lease_owner IS NOT NULL AND state = 'R' AND " + dead.on("mr_item"))) {
        dead.binder().bind(statement);
        List<UUID> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getObject(1, UUID.class));
          }
        }
        return ids;
      }
    });
    for (UUID job : jobs) {
      recovered += transactions.inRepeatableTransaction("handing back the " + dead.what() + " of job " + job,
          connection -> handBack(connection, JobId.of(job), dead, now));
    }
    if (recovered > 0) {
      onNewWork.run();
    }
    return recovered;
  }

  /** The state of one item, for tests and diagnostics; empty when the job or item is unknown. */
  public Optional<ItemState> itemState(JobId id, String item) {
    return transactions.autoCommit("reading an item", connection -> {
      // why: an item in a range claim (PostgreSQL) stays queued as new, behind the job's claim cursor, until it ends.
      try (PreparedStatement statement = connection.prepareStatement("SELECT CASE WHEN i.state = 'Q' "
          + "AND i.queue_order >= 0 AND i.seq < j.claim_cursor THEN 'R' ELSE i.state END "
          + "FROM mr_item i JOIN mr_job j ON j.id = i.job_id WHERE i.job_id = ? AND i.name = ?")) {
        statement.setObject(1, uuid(id));
        statement.setString(2, item);
        try (ResultSet rows = statement.executeQuery()) {
          return rows.next() ? Optional.of(ItemStates.of(rows.getString(1))) : Optional.empty();
        }
      }
    });
  }

  private String leaseOwner(String owner) {
    return owner + incarnation;
  }

  private int handBack(Connection connection, JobId id, DeadLeases dead, Instant now) throws SQLException {
    // why: on PostgreSQL the items go before the job's row is locked, as completions and stops do (class comment).
    Optional<Job> locked = dialect == Dialect.H2 ? selectJob(connection, id, true) : Optional.empty();
    int count;
    try (PreparedStatement statement = connection.prepareStatement("UPDATE mr_item SET state = 'Q', "
        + "lease_owner = NULL, lease_until = NULL, queue_order = -1 WHERE state = 'R' AND " + dead.on("mr_item")
        + " AND job_id = ?")) {
      statement.setObject(dead.binder().bind(statement), uuid(id));
      count = statement.executeUpdate();
    }
    if (count > 0) {
      Job job = dialect == Dialect.H2 ? locked.orElseThrow()
          : selectJob(connection, id, true).orElseThrow(() -> new IllegalStateException("no job " + id));
      updateJob(connection, job.requeue(count, now), JobRows.UPDATE);
    }
    return count;
  }

  /**
   * Hands back the unended items of the dead range claims on PostgreSQL, one claim per transaction: its row goes
   * (locked first, as completions lock it), then its items still queued as new are handed back, then the job's row
   * counts them.
   */
  private int handBackRanges(DeadLeases dead, Instant now) {
    record Range(UUID job, int first) {}
    List<Range> ranges = transactions.autoCommit("looking for claims with " + dead.what(), connection -> {
      try (PreparedStatement statement = connection.prepareStatement("SELECT job_id, first_seq FROM mr_claim "
          + "WHERE " + dead.on("mr_claim"))) {
        dead.binder().bind(statement);
        List<Range> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            found.add(new Range(rows.getObject(1, UUID.class), rows.getInt(2)));
          }
        }
        return found;
      }
    });
    int recovered = 0;
    for (Range range : ranges) {
      recovered += transactions.inRepeatableTransaction("handing back a claim with " + dead.what() + " of job "
          + range.job(), connection -> {
            int last;
            // why: the condition again, on the locked row: a completion may have ended the claim meanwhile.
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM mr_claim WHERE "
                + dead.on("mr_claim") + " AND job_id = ? AND first_seq = ? RETURNING last_seq")) {
              int next = dead.binder().bind(statement);
              statement.setObject(next, range.job());
              statement.setInt(next + 1, range.first());
              try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                  return 0;
                }
                last = rows.getInt(1);
              }
            }
            int count;
            try (PreparedStatement statement = connection.prepareStatement("UPDATE mr_item SET queue_order = -1, "
                + "attempts = attempts + 1 WHERE job_id = ? AND seq BETWEEN ? AND ? AND state = 'Q' "
                + "AND queue_order >= 0")) {
              statement.setObject(1, range.job());
              statement.setInt(2, range.first());
              statement.setInt(3, last);
              count = statement.executeUpdate();
            }
            if (count > 0) {
              JobId id = JobId.of(range.job());
              Job job = selectJob(connection, id, true).orElseThrow(() -> new IllegalStateException("no job " + id));
              updateJob(connection, job.requeue(count, now), JobRows.UPDATE);
            }
            return count;
          });
    }
    return recovered;
  }

  private Optional<LockedJob> lockRunnableJob(Connection connection, Map<ModelRef, Integer> wanted)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(JobRows.SELECT.replace(" FROM mr_job",
        ", claim_cursor FROM mr_job") + " WHERE " + RUNNABLE + " AND " + modelFilter(wanted.size())
        + " ORDER BY priority DESC, claim_turn, submitted_at, id LIMIT 1 FOR UPDATE")) {
      bindModels(statement, 1, wanted);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(new LockedJob(JobRows.read(rows), rows.getInt(JobRows.COLUMN_COUNT + 2)));
      }
    }
  }

  /**
   * The next job to claim from on H2, unlocked: the first runnable job of each wanted model in claim order, read from
   * the index {@code mr_job_claim} (its {@code ORDER BY} names the index's columns, so H2 reads the index in order and
   * stops at the first row instead of sorting every runnable job), and the first of those.
   */
  private static Optional<UUID> nextJobOnH2(Connection connection, Map<ModelRef, Integer> wanted)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(nextJobOnH2(wanted.size()))) {
      bindModels(statement, 1, wanted);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  /** The query of {@link #nextJobOnH2(Connection, Map)} for that many models (two parameters each). */
  static String nextJobOnH2(int models) {
    String perModel = "(SELECT id, priority, claim_turn, submitted_at FROM mr_job WHERE claimable = TRUE "
        + "AND model_id = ? AND model_version = ? "
        + "ORDER BY claimable, model_id, model_version, priority DESC, claim_turn, submitted_at, id LIMIT 1)";
    return "SELECT id FROM (" + String.join(" UNION ALL ", Collections.nCopies(models, perModel))
        + ") ORDER BY priority DESC, claim_turn, submitted_at, id LIMIT 1";
  }

  private static Optional<LockedJob> lockJob(Connection connection, UUID id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(JobRows.SELECT.replace(" FROM mr_job",
        ", claim_cursor FROM mr_job") + " WHERE id = ? FOR UPDATE")) {
      statement.setObject(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(new LockedJob(JobRows.read(rows), rows.getInt(JobRows.COLUMN_COUNT + 2)));
      }
    }
  }

  private static boolean isClaimable(Job job) {
    return (job.status() == JobStatus.SUBMITTED || job.status() == JobStatus.IN_PROGRESS)
        && job.counters().pending() > 0;
  }

  /** A job whose row this transaction locked, and where its new items start. */
  private record LockedJob(Job job, int claimCursor) {}

  private boolean anyRunnable(Connection connection, Map<ModelRef, Integer> wanted) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM mr_job WHERE " + RUNNABLE
        + " AND " + modelFilter(wanted.size()) + " LIMIT 1")) {
      bindModels(statement, 1, wanted);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static String modelFilter(int models) {
    return "(" + String.join(" OR ", Collections.nCopies(models, "(model_id = ? AND model_version = ?)"))
        + ")";
  }

  private static void bindModels(PreparedStatement statement, int first, Map<ModelRef, Integer> wanted)
      throws SQLException {
    int i = first;
    for (ModelRef model : wanted.keySet()) {
      statement.setString(i++, model.identifier());
      statement.setString(i++, model.version());
    }
  }

  private Optional<Claim> claimItems(Connection connection, LockedJob locked, String owner, int max, Instant now,
      Instant until) throws SQLException {
    Job job = locked.job();
    int cursor = locked.claimCursor();
    // why: the items from the cursor on are the new ones, never claimed, so the job's pending items beyond them were
    // handed back. Most claims find none; not looking for them saves a statement while the job's row is locked, which
    // every claim and completion of the job waits for.
    long pending = job.counters().pending();
    boolean handedBack = pending > job.counters().total() - cursor;
    List<QueuedItem> items = new ArrayList<>(max);
    if (handedBack) {
      items.addAll(claimRange(connection, job.id(), owner, max, until, -1));
    }
    if (items.size() < max) {
      List<QueuedItem> fresh = claimRange(connection, job.id(), owner, max - items.size(), until, cursor);
      items.addAll(fresh);
      for (QueuedItem item : fresh) {
        cursor = Math.max(cursor, item.queueOrder() + 1);
      }
    }
    if (!handedBack && items.size() < max && items.size() < pending) {
      // why: the counters said none was handed back, yet more is pending than the new items: look anyway, so no item
      // is ever left unclaimed by a count that is off.
      items.addAll(claimRange(connection, job.id(), owner, max - items.size(), until, -1));
    }
    if (items.isEmpty()) {
      return Optional.empty();
    }
    // why: RETURNING gives rows in no set order; a claim lists them in queue order.
    items.sort(null);
    claimed.compute(job.id(), (key, map) -> {
      Map<String, ClaimedItem> seqs = map == null ? new ConcurrentHashMap<>() : map;
      items.forEach(item -> seqs.put(item.name(), new ClaimedItem(owner, item.seq(), item.claimStart())));
      return seqs;
    });
    Job after = job.start(items.size(), now);
    try (PreparedStatement statement = connection.prepareStatement(updateWithTurn)) {
      statement.setInt(1, cursor);
      int next = JobRows.bind(statement, after, 2);
      statement.setObject(next, uuid(after.id()));
      statement.setLong(next + 1, job.version());
      if (statement.executeUpdate() == 0) {
        throw new ConcurrentUpdateException(job.id(), job.version());
      }
    }
    return Optional.of(new Claim(after, items.stream().map(QueuedItem::name).toList(),
        items.stream().mapToInt(QueuedItem::seq).toArray(), job.status() == JobStatus.SUBMITTED));
  }

  /**
   * Claims up to {@code max} queued items of the job: the handed-back ones when {@code from} is negative, else the
   * new ones from queue position {@code from} on.
   */
  private List<QueuedItem> claimRange(Connection connection, JobId job, String owner, int max, Instant until,
      int from) throws SQLException {
    List<QueuedItem> items = new ArrayList<>();
    if (dialect == Dialect.POSTGRESQL && from >= 0) {
      return claimNewOnPostgres(connection, job, owner, max, until, from);
    }
    if (dialect == Dialect.POSTGRESQL) {
      // why: handed-back items are few; each is leased on its own row, skipping those another claim holds.
      try (PreparedStatement statement = connection.prepareStatement("WITH c AS (SELECT seq FROM mr_item "
          + "WHERE job_id = ? AND state = 'Q' AND queue_order = -1 ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED) "
          + "UPDATE mr_item i SET state = 'R', lease_owner = ?, lease_until = ?, attempts = i.attempts + 1 "
          + "FROM c WHERE i.job_id = ? AND i.seq = c.seq RETURNING i.queue_order, i.seq, i.name")) {
        int i = 1;
        statement.setObject(i++, uuid(job));
        statement.setInt(i++, max);
        statement.setString(i++, owner);
        statement.setObject(i++, timestamp(until));
        statement.setObject(i, uuid(job));
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            items.add(new QueuedItem(rows.getInt(1), rows.getInt(2), rows.getString(3), -1));
          }
        }
      }
      return items;
    }
    // why: H2 claims of this JVM take turns (Transactions) and hold the job's row, so the items need no row locks
    // (H2 would lock every queued item the WHERE matches before the LIMIT).
    try (PreparedStatement statement = connection.prepareStatement(queuedItemsOnH2(from >= 0))) {
      int i = 1;
      statement.setObject(i++, uuid(job));
      if (from >= 0) {
        statement.setInt(i++, from);
      }
      statement.setInt(i, max);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          items.add(new QueuedItem(rows.getInt(1), rows.getInt(2), rows.getString(3), -1));
        }
      }
    }
    if (items.isEmpty()) {
      return items;
    }
    // why: one statement over the range just read, not one per item: the job's row is locked, so no other
    // transaction queues or takes this job's items meanwhile and the range holds exactly those items.
    QueuedItem last = items.getLast();
    try (PreparedStatement statement = connection.prepareStatement("UPDATE mr_item SET state = 'R', "
        + "lease_owner = ?, lease_until = ?, attempts = attempts + 1 WHERE job_id = ? AND state = 'Q' AND "
        + (from < 0 ? "queue_order = -1 AND seq <= ?" : "queue_order >= ? AND queue_order <= ?"))) {
      int i = 1;
      statement.setString(i++, owner);
      statement.setObject(i++, timestamp(until));
      statement.setObject(i++, uuid(job));
      if (from < 0) {
        statement.setInt(i, last.seq());
      } else {
        statement.setInt(i++, from);
        statement.setInt(i, last.queueOrder());
      }
      int taken = statement.executeUpdate();
      if (taken != items.size()) {
        throw new IllegalStateException("claiming " + items.size() + " items of job " + job + " took " + taken
            + ": its items changed without its row locked");
      }
    }
    return items;
  }

  /**
   * Claims up to {@code max} new items of the job on PostgreSQL, from queue position {@code from} on, as one range:
   * one row of {@code mr_claim}, no write to the items. The job's row is locked and its cursor moves past the range
   * in this transaction, so no other claim reads these items; the only other writers of new items (stops) lock the
   * job's row too.
   */
  private static List<QueuedItem> claimNewOnPostgres(Connection connection, JobId job, String owner, int max,
      Instant until, int from) throws SQLException {
    List<QueuedItem> items = new ArrayList<>(max);
    // why: the items from the cursor on are new, so the next max items are the seqs from..from+max-1. Bounded on both
    // sides, the read costs the claim's items whatever plan PostgreSQL picks; bounded below only, a table not yet
    // analyzed (a job just submitted) got a bitmap scan and sort of every item left, under the job's row lock: 2.5 ms
    // a claim on 20,000 items, which stalled jobs of small claims (a slow model) in the crash benchmark.
    readNewItems(connection, job, from, (long) from + max, max, items);
    if (items.size() < max && (long) from + max <= Integer.MAX_VALUE) {
      // why: only if some of those items were not new after all; look on past them, so none is ever left behind.
      readNewItems(connection, job, from + max, Integer.MAX_VALUE + 1L, max - items.size(), items);
    }
    if (items.isEmpty()) {
      return items;
    }
    int first = items.getFirst().seq();
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO mr_claim (job_id, first_seq, "
        + "last_seq, lease_owner, lease_until, remaining) VALUES (?, ?, ?, ?, ?, ?)")) {
      statement.setObject(1, uuid(job));
      statement.setInt(2, first);
      statement.setInt(3, items.getLast().seq());
      statement.setString(4, owner);
      statement.setObject(5, timestamp(until));
      statement.setInt(6, items.size());
      statement.executeUpdate();
    }
    return items.stream().map(item -> new QueuedItem(item.queueOrder(), item.seq(), item.name(), first)).toList();
  }

  /** The new items of a job (parameters: job, lowest seq, seq past the highest, how many at most), in seq order. */
  static final String NEW_ITEMS_ON_POSTGRES = "SELECT seq, name FROM mr_item WHERE job_id = ? AND seq >= ? AND seq < ? "
      + "AND state = 'Q' AND queue_order >= 0 ORDER BY seq LIMIT ?";

  /** Adds up to {@code max} new items of the job with seqs from {@code from} up to {@code until} (excluded). */
  private static void readNewItems(Connection connection, JobId job, int from, long until, int max,
      List<QueuedItem> items) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(NEW_ITEMS_ON_POSTGRES)) {
      statement.setObject(1, uuid(job));
      statement.setInt(2, from);
      statement.setLong(3, until);
      statement.setInt(4, max);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          items.add(new QueuedItem(rows.getInt(1), rows.getInt(1), rows.getString(2), -1));
        }
      }
    }
  }

  /**
   * The H2 query of the first {@code max} queued items of a job: handed-back ones, or new ones from a queue position
   * on. Its {@code ORDER BY} names every column of the index {@code mr_item_queued}, so H2 reads the index in order
   * and stops at the limit; ordered by {@code queue_order} alone, it read and sorted every queued item of the job.
   */
  static String queuedItemsOnH2(boolean fresh) {
    return "SELECT queue_order, seq, name FROM mr_item USE INDEX (mr_item_queued) WHERE job_id = ? AND state = 'Q' "
        + "AND " + (fresh ? "queue_order >= ?" : "queue_order = -1")
        + " ORDER BY job_id, state, queue_order, seq LIMIT ?";
  }

  /** The outcomes' items as {@code owner} claimed them here, {@link ClaimedItem#NONE} for the others. */
  private ClaimedItem[] claimedItems(JobId job, String owner, List<Outcome> outcomes) {
    ClaimedItem[] result = new ClaimedItem[outcomes.size()];
    Arrays.fill(result, ClaimedItem.NONE);
    Map<String, ClaimedItem> items = claimed.get(job);
    if (items == null) {
      return result;
    }
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome outcome = outcomes.get(i);
      ClaimedItem item = items.get(outcome.item());
      if (item != null && item.owner().equals(owner) && ofItem(outcome, item)) {
        result[i] = item;
      }
    }
    return result;
  }

  /** Whether the outcome is of the item: an item's seq is its position in the job's items. */
  private static boolean ofItem(Outcome outcome, ClaimedItem item) {
    return outcome.position() == Outcome.UNKNOWN_POSITION || outcome.position() == item.seq();
  }

  private void forgetClaims(JobId job, String owner, List<Outcome> outcomes) {
    claimed.computeIfPresent(job, (key, seqs) -> {
      // why: an outcome whose position holds another item, or of an item claimed since by another owner, was refused,
      // and leaves the claim of its named item alone.
      outcomes.forEach(outcome -> seqs.computeIfPresent(outcome.item(), (name, item) -> item.owner().equals(owner)
          && ofItem(outcome, item) ? null : item));
      return seqs.isEmpty() ? null : seqs;
    });
  }


  /**
   * Ends the items whose lease {@code owner} holds, on H2; answers, per outcome, whether it was accepted. The job's row
   * is locked and H2's writes take turns, so no one else changes these items meanwhile: each run of outcomes that end
   * consecutive items in one state is read and ended with a statement each, not a statement per item (a claim's
   * outcomes come in the order it handed out its items, so a claim is mostly one run).
   */
  private static boolean[] endItems(Connection connection, JobId job, String owner, List<Outcome> outcomes,
      ClaimedItem[] items) throws SQLException {
    boolean[] accepted = new boolean[outcomes.size()];
    UUID id = uuid(job);
    int start = 0;
    while (start < outcomes.size()) {
      if (items[start].seq() < 0) {
        start++;
        continue;
      }
      ItemState state = outcomes.get(start).state();
      int end = start + 1;
      while (end < outcomes.size() && items[end].seq() == items[end - 1].seq() + 1
          && outcomes.get(end).state() == state) {
        end++;
      }
      endRun(connection, id, owner, state, items[start].seq(), items[end - 1].seq(), start, accepted);
      start = end;
    }
    return accepted;
  }

  /**
   * Ends the items of seqs {@code first..last} that {@code owner} holds in {@code state}, and marks their outcomes
   * (from index {@code offset}, in seq order) accepted.
   */
  private static void endRun(Connection connection, UUID job, String owner, ItemState state, int first, int last,
      int offset, boolean[] accepted) throws SQLException {
    String held = " WHERE job_id = ? AND seq BETWEEN ? AND ? AND state = 'R' AND lease_owner = ?";
    int found = 0;
    try (PreparedStatement statement = connection.prepareStatement("SELECT seq FROM mr_item" + held)) {
      setRun(statement, 1, job, first, last, owner);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          accepted[offset + rows.getInt(1) - first] = true;
          found++;
        }
      }
    }
    if (found == 0) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement("UPDATE mr_item SET state = ?, lease_owner = NULL, "
        + "lease_until = NULL" + (state == ItemState.QUEUED ? ", queue_order = -1" : "") + held)) {
      statement.setString(1, ItemStates.code(state));
      setRun(statement, 2, job, first, last, owner);
      int ended = statement.executeUpdate();
      if (ended != found) {
        throw new IllegalStateException("ending " + found + " items of job " + job + " ended " + ended
            + ": its items changed without its row locked");
      }
    }
  }

  private static void setRun(PreparedStatement statement, int from, UUID job, int first, int last, String owner)
      throws SQLException {
    statement.setObject(from, job);
    statement.setInt(from + 1, first);
    statement.setInt(from + 2, last);
    statement.setString(from + 3, owner);
  }

  /**
   * Like {@link #endItems}, in one statement per outcome state ({@code seq = ANY(?)} with RETURNING). Items claimed
   * in a range end only while their claim's row is still there and this owner's: the rows are locked first, so no
   * recovery or stop takes them meanwhile; each row's {@code remaining} goes down by the items that ended, and the row
   * goes when none is left. Items leased one by one end only while they are running under this owner's lease.
   */
  private static boolean[] endItemsOnPostgres(Connection connection, JobId job, String owner,
      List<Outcome> outcomes, ClaimedItem[] items) throws SQLException {
    boolean[] accepted = new boolean[outcomes.size()];
    Map<Integer, Integer> held = lockRangeClaims(connection, job, owner, items);
    Map<Integer, Integer> endedByClaim = new HashMap<>();
    for (ItemState state : List.of(ItemState.SUCCEEDED, ItemState.FAILED, ItemState.QUEUED)) {
      List<Integer> indexes = new ArrayList<>();
      List<Integer> inRanges = new ArrayList<>();
      List<Integer> leased = new ArrayList<>();
      for (int i = 0; i < outcomes.size(); i++) {
        ClaimedItem item = items[i];
        if (outcomes.get(i).state() != state || item.seq() < 0) {
          continue;
        }
        if (!item.inRange()) {
          leased.add(item.seq());
        } else if (held.containsKey(item.claimStart())) {
          inRanges.add(item.seq());
        } else {
          continue;
        }
        indexes.add(i);
      }
      if (indexes.isEmpty()) {
        continue;
      }
      Set<Integer> ended = new HashSet<>();
      // why: a completion changes no indexed column of a range-claimed item, so its update can be HOT (migration V4).
      endSome(connection, "UPDATE mr_item SET state = ?, attempts = attempts + 1"
          + (state == ItemState.QUEUED ? ", queue_order = -1" : "")
          + " WHERE job_id = ? AND seq BETWEEN ? AND ? AND seq = ANY(?) AND state = 'Q' AND queue_order >= 0"
          + " RETURNING seq", job, state, inRanges, null, ended);
      endSome(connection, "UPDATE mr_item SET state = ?, lease_owner = NULL, lease_until = NULL"
          + (state == ItemState.QUEUED ? ", queue_order = -1" : "")
          + " WHERE job_id = ? AND seq BETWEEN ? AND ? AND seq = ANY(?) AND state = 'R' AND lease_owner = ?"
          + " RETURNING seq", job, state, leased, owner, ended);
      for (int i : indexes) {
        accepted[i] = ended.contains(items[i].seq());
        if (accepted[i] && items[i].inRange()) {
          endedByClaim.merge(items[i].claimStart(), 1, Integer::sum);
        }
      }
    }
    shrinkRangeClaims(connection, job, held, endedByClaim);
    return accepted;
  }

  /**
   * Runs one of the completion's item updates over {@code seqs} (parameters: state, job, lowest and highest seq, the
   * seqs, then {@code owner} if not null) and adds the seqs it ended to {@code ended}.
   */
  private static void endSome(Connection connection, String sql, JobId job, ItemState state, List<Integer> seqs,
      String owner, Set<Integer> ended) throws SQLException {
    if (seqs.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, ItemStates.code(state));
      statement.setObject(2, uuid(job));
      // why: the bounds let the planner read the primary key's range; with seq = ANY(?) alone it scanned every item
      // of the job (one job of 50,000 items: 27 ms a completion).
      statement.setInt(3, Collections.min(seqs));
      statement.setInt(4, Collections.max(seqs));
      statement.setArray(5, connection.createArrayOf("integer", seqs.toArray()));
      if (owner != null) {
        statement.setString(6, owner);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ended.add(rows.getInt(1));
        }
      }
    }
  }

  /**
   * Locks the rows of this owner's range claims that the items came from; answers those still there, first seq to
   * the count of their items not ended. A claim recovered or dropped since has no row, and its items end no more.
   */
  private static Map<Integer, Integer> lockRangeClaims(Connection connection, JobId job, String owner,
      ClaimedItem[] items) throws SQLException {
    Set<Integer> starts = new TreeSet<>();
    for (ClaimedItem item : items) {
      if (item.inRange()) {
        starts.add(item.claimStart());
      }
    }
    Map<Integer, Integer> held = new HashMap<>();
    if (starts.isEmpty()) {
      return held;
    }
    // why: FOR UPDATE, not FOR SHARE: the row may be deleted below, and two completions sharing it must not both
    // hold it shared and then wait for each other to delete it.
    try (PreparedStatement statement = connection.prepareStatement("SELECT first_seq, remaining FROM mr_claim "
        + "WHERE job_id = ? AND first_seq = ANY(?) AND lease_owner = ? ORDER BY first_seq FOR UPDATE")) {
      statement.setObject(1, uuid(job));
      statement.setArray(2, connection.createArrayOf("integer", starts.toArray()));
      statement.setString(3, owner);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          held.put(rows.getInt(1), rows.getInt(2));
        }
      }
    }
    return held;
  }

  /** Counts the ended items off their claims' rows, and deletes the rows of claims with no item left. */
  private static void shrinkRangeClaims(Connection connection, JobId job, Map<Integer, Integer> held,
      Map<Integer, Integer> endedByClaim) throws SQLException {
    if (endedByClaim.isEmpty()) {
      return;
    }
    try (PreparedStatement delete = connection.prepareStatement(
            "DELETE FROM mr_claim WHERE job_id = ? AND first_seq = ?");
        PreparedStatement shrink = connection.prepareStatement(
            "UPDATE mr_claim SET remaining = remaining - ? WHERE job_id = ? AND first_seq = ?")) {
      boolean deletes = false;
      boolean shrinks = false;
      for (Map.Entry<Integer, Integer> entry : endedByClaim.entrySet()) {
        if (entry.getValue() >= held.get(entry.getKey())) {
          delete.setObject(1, uuid(job));
          delete.setInt(2, entry.getKey());
          delete.addBatch();
          deletes = true;
        } else {
          shrink.setInt(1, entry.getValue());
          shrink.setObject(2, uuid(job));
          shrink.setInt(3, entry.getKey());
          shrink.addBatch();
          shrinks = true;
        }
      }
      if (deletes) {
        delete.executeBatch();
      }
      if (shrinks) {
        shrink.executeBatch();
      }
    }
  }

  private static List<String> checkedItems(boolean needsItems, List<String> items) {
    List<String> names = List.copyOf(items);
    checkArgument(needsItems ? !names.isEmpty() : names.isEmpty(),
        "an OPEN job has no items, any other new job has some");
    Set<String> seen = new HashSet<>(names.size() * 2);
    for (String name : names) {
      checkArgument(seen.add(name), "item %s appears twice", name);
    }
    return names;
  }

  private void insertJob(Connection connection, Job job) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(insertTakingTurn)) {
      JobRows.bindInsert(statement, job);
      statement.executeUpdate();
    }
  }

  private void insertItems(Connection connection, JobId job, List<String> names) throws SQLException {
    if (names.isEmpty()) {
      return;
    }
    if (dialect == Dialect.POSTGRESQL) {
      // why: COPY streams the rows in one statement; the batched multi-row INSERTs took a third of a 50,000-item
      // submit-to-done run.
      try (PgCopy copy = PgCopy.into(connection, "mr_item", "job_id, seq, name, state, queue_order, attempts")) {
        UUID id = uuid(job);
        for (int seq = 0; seq < names.size(); seq++) {
          copy.uuid(id).number(seq).text(names.get(seq)).text("Q").number(seq).number(0).endRow();
        }
        copy.finish();
      }
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO mr_item (job_id, seq, name, state, "
        + "queue_order, attempts) VALUES (?, ?, ?, 'Q', ?, 0)")) {
      UUID id = uuid(job);
      for (int seq = 0; seq < names.size(); seq++) {
        statement.setObject(1, id);
        statement.setInt(2, seq);
        statement.setString(3, names.get(seq));
        statement.setInt(4, seq);
        statement.addBatch();
        if ((seq + 1) % INSERT_BATCH == 0) {
          statement.executeBatch();
        }
      }
      statement.executeBatch();
    }
  }

  private static void updateJob(Connection connection, Job job, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      JobRows.bindUpdate(statement, job);
      if (statement.executeUpdate() == 0) {
        throw new ConcurrentUpdateException(job.id(), job.version() - 1);
      }
    }
  }

  private static Optional<Job> selectJob(Connection connection, JobId id, boolean lock) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(JobRows.SELECT + " WHERE id = ?"
        + (lock ? " FOR UPDATE" : ""))) {
      statement.setObject(1, uuid(id));
      List<Job> jobs = readJobs(statement);
      return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.getFirst());
    }
  }

  private static List<Job> readJobs(PreparedStatement statement) throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        jobs.add(JobRows.read(rows));
      }
    }
    return jobs;
  }

  private static Optional<IdempotentRequest> selectRequest(Connection connection, String keyPrefix, String key,
      boolean lock) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT fingerprint, job_id, expires_at "
        + "FROM mr_idempotent_request WHERE key_prefix = ? AND request_key = ?" + (lock ? " FOR UPDATE" : ""))) {
      statement.setString(1, requireNonNull(keyPrefix, "keyPrefix"));
      statement.setString(2, requireNonNull(key, "key"));
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(new IdempotentRequest(keyPrefix, key, rows.getString(1),
            JobId.of(rows.getObject(2, UUID.class)), instant(rows.getObject(3, OffsetDateTime.class))));
      }
    }
  }

  private static void saveRequest(Connection connection, IdempotentRequest request, boolean replace)
      throws SQLException {
    String sql = replace
        ? "UPDATE mr_idempotent_request SET fingerprint = ?, job_id = ?, expires_at = ? "
            + "WHERE key_prefix = ? AND request_key = ?"
        : "INSERT INTO mr_idempotent_request (fingerprint, job_id, expires_at, key_prefix, request_key) "
            + "VALUES (?, ?, ?, ?, ?)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, request.fingerprint());
      statement.setObject(2, uuid(request.job()));
      statement.setObject(3, timestamp(request.expiresAt()));
      statement.setString(4, request.keyPrefix());
      statement.setString(5, request.key());
      statement.executeUpdate();
    }
  }

  /**
   * A queued item as claims order them: handed-back items first, then by submission order. {@code claimStart} is the
   * first seq of the range claim that took it, -1 if it was leased on its own.
   */
  private record QueuedItem(int queueOrder, int seq, String name, int claimStart)
      implements Comparable<QueuedItem> {
    @Override
    public int compareTo(QueuedItem other) {
      int byOrder = Integer.compare(queueOrder, other.queueOrder);
      return byOrder != 0 ? byOrder : Integer.compare(seq, other.seq);
    }
  }

  /**
   * An item as this store claimed it: the lease owner, its seq, and the first seq of its range claim ({@code
   * mr_claim}), or -1 if it was leased on its own (on H2 every item; on PostgreSQL handed-back ones).
   */
  private record ClaimedItem(String owner, int seq, int claimStart) {
    static final ClaimedItem NONE = new ClaimedItem("", -1, -1);

    boolean inRange() {
      return claimStart >= 0;
    }
  }

  /** Item states as the one-letter codes of {@code mr_item.state}. */
  static final class ItemStates {
    private ItemStates() {}

    static String code(ItemState state) {
      return switch (state) {
        case QUEUED -> "Q";
        case RUNNING -> "R";
        case SUCCEEDED -> "S";
        case FAILED -> "F";
        case DROPPED -> "D";
      };
    }

    static ItemState of(String code) {
      return Arrays.stream(ItemState.values()).filter(state -> code(state).equals(code)).findFirst()
          .orElseThrow(() -> new IllegalStateException("unknown item state code " + code));
    }
  }
}
