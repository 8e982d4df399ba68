package dev.modelrun.adapters.jdbc;

import static dev.modelrun.engine.testkit.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.WorkQueue.Claim;
import dev.modelrun.core.port.out.WorkQueue.Completion;
import dev.modelrun.core.port.out.WorkQueue.Outcome;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL a claim of new items is one row of {@code mr_claim} (migration V4), not an update of each item, and
 * the completion's update of an item changes no indexed column, so it can be HOT.
 */
class PostgresRangeClaimsIT {
  private static final Duration LEASE = Duration.ofMinutes(1);
  private static final Instant EXPIRED = T0.plus(LEASE).plusSeconds(1);
  private static final Pattern ACTUAL_ROWS = Pattern.compile("\"Actual Rows\": (\\d+)");

  @RegisterExtension
  static final TestStores DB = TestStores.postgres();
  private JdbcJobStore store;

  @BeforeEach
  void emptyTables() {
    DB.truncate();
    store = DB.stores().jobStore();
  }

  @Test
  void a_claim_of_new_items_is_one_claim_row_and_writes_no_item() throws SQLException {
    Job job = created(10);
    List<Long> before = itemVersions(job.id());

    Claim claim = claim("w1", 6, T0);

    assertThat(claim.items()).containsExactlyElementsOf(Jobs.itemNames(10).subList(0, 6));
    // why: xmin is the transaction that wrote a row's version; the claim's transaction wrote none of the items.
    assertThat(itemVersions(job.id())).isEqualTo(before);
    assertThat(claimRows()).containsExactly("0-5 remaining 6");
    assertThat(store.itemState(job.id(), "item-1")).contains(ItemState.RUNNING);
    assertThat(store.itemState(job.id(), "item-7")).contains(ItemState.QUEUED);
  }

  @Test
  void completions_shrink_the_claim_row_and_the_last_one_deletes_it() throws SQLException {
    created(4);
    Claim claim = claim("w1", 4, T0);
    JobId id = claim.job().id();

    store.complete("w1", id, List.of(new Outcome("item-1", ItemState.SUCCEEDED),
        new Outcome("item-2", ItemState.FAILED)), T0);
    assertThat(claimRows()).containsExactly("0-3 remaining 2");

    store.complete("w1", id, List.of(new Outcome("item-3", ItemState.SUCCEEDED),
        new Outcome("item-4", ItemState.QUEUED)), T0);
    assertThat(claimRows()).isEmpty();
    assertThat(store.find(id).orElseThrow().counters()).isEqualTo(new JobCounters(4, 1, 0, 2, 1));
    assertThat(store.renew("w1", T0, LEASE)).isZero();
  }

  @Test
  void a_dead_claim_hands_back_exactly_its_unended_items() throws SQLException {
    Job job = created(10);
    claim("w1", 6, T0);
    store.complete("w1", job.id(), List.of(new Outcome("item-1", ItemState.SUCCEEDED),
        new Outcome("item-4", ItemState.SUCCEEDED)), T0);
    claim("w2", 4, T0);
    assertThat(store.renew("w1", T0, LEASE)).isEqualTo(4);
    assertThat(store.renew("w2", EXPIRED.minusSeconds(2), LEASE)).isEqualTo(4);

    int recovered = store.recoverExpired(EXPIRED);

    assertThat(recovered).isEqualTo(4);
    assertThat(claimRows()).containsExactly("6-9 remaining 4");
    assertThat(store.find(job.id()).orElseThrow().counters()).isEqualTo(new JobCounters(10, 4, 4, 2, 0));
    Claim again = claim("w3", 10, EXPIRED);
    assertThat(again.items()).containsExactly("item-2", "item-3", "item-5", "item-6");
    assertThat(store.recoverExpired(EXPIRED)).isZero();
  }

  @Test
  void a_completion_by_an_owner_whose_claim_was_recovered_is_refused_even_after_it_renews() {
    Job job = created(3);
    claim("w1", 3, T0);
    assertThat(store.recoverExpired(EXPIRED)).isEqualTo(3);
    // why: the node was only late; its heartbeat comes back, but its claim is gone.
    store.renew("w1", EXPIRED, LEASE);

    Completion late = store.complete("w1", job.id(), List.of(new Outcome("item-1", ItemState.SUCCEEDED),
        new Outcome("item-2", ItemState.SUCCEEDED)), EXPIRED);

    assertThat(late.refused()).containsExactlyInAnyOrder("item-1", "item-2");
    assertThat(store.find(job.id()).orElseThrow().counters()).isEqualTo(new JobCounters(3, 3, 0, 0, 0));
    assertThat(claim("w2", 10, EXPIRED).items()).containsExactly("item-1", "item-2", "item-3");
  }

  @Test
  void an_item_handed_back_from_a_live_claim_and_leased_elsewhere_stays_with_its_new_owner() {
    Job job = created(3);
    claim("w1", 3, T0);
    store.complete("w1", job.id(), List.of(new Outcome("item-2", ItemState.QUEUED)), T0);
    assertThat(claim("w2", 1, T0).items()).containsExactly("item-2");
    store.renew("w2", EXPIRED.minusSeconds(2), LEASE);

    // why: w1's claim still covers item-2's seq; its recovery must hand back only item-1 and item-3.
    assertThat(store.recoverExpired(EXPIRED)).isEqualTo(2);
    Completion byNewOwner = store.complete("w2", job.id(), List.of(new Outcome("item-2", ItemState.SUCCEEDED)),
        EXPIRED);

    assertThat(byNewOwner.refused()).isEmpty();
    assertThat(store.find(job.id()).orElseThrow().counters()).isEqualTo(new JobCounters(3, 2, 0, 1, 0));
  }

  @Test
  void a_stop_deletes_the_claim_rows_and_a_late_completion_ends_nothing() throws SQLException {
    Job job = created(3);
    claim("w1", 2, T0);

    Job stopped = store.stop(job.id(), running -> running.cancel(T0.plusSeconds(1)));
    Completion late = store.complete("w1", job.id(), List.of(new Outcome("item-1", ItemState.SUCCEEDED)), T0);

    assertThat(claimRows()).isEmpty();
    assertThat(late.refused()).containsExactly("item-1");
    assertThat(store.itemState(job.id(), "item-1")).contains(ItemState.DROPPED);
    assertThat(store.find(job.id())).contains(stopped);
  }

  @Test
  void no_index_of_the_items_covers_a_column_their_completion_changes() throws SQLException {
    List<String> definitions = new ArrayList<>();
    try (Connection connection = DB.stores().dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT pg_get_indexdef(indexrelid) "
            + "FROM pg_index WHERE indrelid = 'mr_item'::regclass");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        definitions.add(rows.getString(1));
      }
    }

    // why: an update can be HOT only if no index (predicates included) names a column it changes; a completion of a
    // range-claimed item changes state and attempts (lease_owner and lease_until stay NULL).
    assertThat(definitions).hasSize(3).noneMatch(definition -> definition.contains("state")
        || definition.contains("attempts") || definition.contains("lease_until"));
    assertThat(itemReloptions()).contains("fillfactor=50");
  }

  @Test
  void a_claim_reads_only_the_items_it_takes_whatever_plan_postgresql_picks() throws SQLException {
    Job job = created(20_000);
    Claim first = claim("w1", 5, T0);
    assertThat(first.items()).containsExactlyElementsOf(Jobs.itemNames(5));

    // why: a bitmap scan (what PostgreSQL picked for a job just submitted, its table not yet analyzed) reads every
    // row its index conditions allow; bounded below only, that was every item left, under the job's row lock.
    try (Connection connection = DB.stores().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (Statement settings = connection.createStatement()) {
        settings.execute("SET LOCAL enable_indexscan = off");
        settings.execute("SET LOCAL plan_cache_mode = force_generic_plan");
      }
      try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) "
          + JdbcJobStore.NEW_ITEMS_ON_POSTGRES)) {
        explain.setObject(1, UUID.fromString(job.id().value()));
        explain.setInt(2, 5);
        explain.setLong(3, 10);
        explain.setInt(4, 5);
        try (ResultSet rows = explain.executeQuery()) {
          rows.next();
          String plan = rows.getString(1);
          assertThat(plan).contains("Bitmap Heap Scan");
          assertThat(actualRowsOfEveryNode(plan)).as(plan)
              .allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(5));
        }
      }
      connection.rollback();
    }
  }

  /** The "Actual Rows" of every node of a JSON plan. */
  private static List<Integer> actualRowsOfEveryNode(String plan) {
    List<Integer> counts = new ArrayList<>();
    Matcher matcher = ACTUAL_ROWS.matcher(plan);
    while (matcher.find()) {
      counts.add(Integer.parseInt(matcher.group(1)));
    }
    return counts;
  }

  private Job created(int items) {
    Job job = Jobs.submitted().items(items).build();
    store.create(job, Jobs.itemNames(items));
    return job;
  }

  private Claim claim(String owner, int max, Instant now) {
    return store.claim(owner, Map.of(EchoModel.DESCRIPTOR.ref(), max), now, LEASE).orElseThrow();
  }

  private static List<Long> itemVersions(JobId job) throws SQLException {
    try (Connection connection = DB.stores().dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT xmin::text::bigint FROM mr_item WHERE job_id = ? ORDER BY seq")) {
      statement.setObject(1, UUID.fromString(job.value()));
      List<Long> versions = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          versions.add(rows.getLong(1));
        }
      }
      return versions;
    }
  }

  private static List<String> claimRows() throws SQLException {
    try (Connection connection = DB.stores().dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT first_seq, last_seq, remaining FROM mr_claim ORDER BY job_id, first_seq");
        ResultSet rows = statement.executeQuery()) {
      List<String> claims = new ArrayList<>();
      while (rows.next()) {
        claims.add(rows.getInt(1) + "-" + rows.getInt(2) + " remaining " + rows.getInt(3));
      }
      return claims;
    }
  }

  private static String itemReloptions() throws SQLException {
    try (Connection connection = DB.stores().dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT COALESCE(array_to_string(reloptions, ','), '') FROM pg_class WHERE oid = 'mr_item'::regclass");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getString(1);
    }
  }
}
