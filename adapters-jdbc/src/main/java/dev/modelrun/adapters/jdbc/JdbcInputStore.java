package dev.modelrun.adapters.jdbc;

import static dev.modelrun.adapters.jdbc.Transactions.timestamp;
import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteSource;
import com.google.common.util.concurrent.Striped;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InputReference;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.ReferencedContent;
import dev.modelrun.core.port.out.InputReferences;
import dev.modelrun.core.port.out.InputStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

/**
 * Item inputs in {@code mr_input} (so work reclaimed after a crash, or claimed by another node, still has them),
 * chunks of open jobs in {@code mr_chunk}, and retention deadlines in {@code mr_input_expiry}.
 *
 * <p>{@link #put} keeps an input whose content is a {@link ReferencedContent} (an S3 object) as its reference, when
 * the store was given the {@link InputReferences} of that kind: the bytes stay where they are and are read when the
 * model runs, through the same references on whichever node runs the item; the credentials in a reference are
 * sealed by its adapter, never in clear. Every other input is read once, at submit, and its bytes stored. Appends to
 * one job are checked against the limits under a lock of this JVM (nodes appending to the same open job at once may
 * pass a limit by one chunk).
 *
 * <p>Reading an item reads ahead: the items stored after it (a window of {@value #READ_AHEAD}) come in the same query
 * and wait in a small cache, bounded in stored bytes, for the worker that asks for them next (claims hand out items
 * in submission order). A cached item is served once; a job's cache entries go when its inputs are put or deleted.
 * {@link #items} opens the references of a batch of items together, so their adapter may fetch them at once.
 */
public final class JdbcInputStore implements InputStore {
  private static final int INSERT_BATCH = 1_000;
  static final int READ_AHEAD = 256;
  private static final long MAX_CACHED_BYTES = 32L << 20;

  private static final String INPUT_COLUMNS = "job_id, item, seq, input_name, media_type, content, reference_kind, "
      + "size_bytes";

  private final Transactions transactions;
  private final boolean postgres;
  private final Map<String, InputReferences> references;
  private final String upsertExpiry;
  private final Striped<Lock> appendLocks = Striped.lock(64);
  private final Map<CacheKey, Cached> readAhead = new ConcurrentHashMap<>();
  private final AtomicLong cachedBytes = new AtomicLong();

  JdbcInputStore(Transactions transactions, Dialect dialect, List<InputReferences> references) {
    this.transactions = transactions;
    this.postgres = dialect == Dialect.POSTGRESQL;
    Map<String, InputReferences> byKind = new HashMap<>();
    references.forEach(opener -> byKind.put(opener.kind(), opener));
    this.references = Map.copyOf(byKind);
    this.upsertExpiry = dialect == Dialect.H2
        ? "MERGE INTO mr_input_expiry (job_id, expires_at) KEY (job_id) VALUES (?, ?)"
        : "INSERT INTO mr_input_expiry (job_id, expires_at) VALUES (?, ?) "
            + "ON CONFLICT (job_id) DO UPDATE SET expires_at = EXCLUDED.expires_at";
  }

  @Override
  public void put(JobId job, List<InputItem> items) {
    requireNonNull(job, "job");
    List<InputItem> batch = List.copyOf(items);
    forget(job);
    // why: not durable on its own on PostgreSQL: the engine stores or enqueues the job right after, in a durable
    // transaction, which makes these inputs durable with it; a crash before that leaves inputs of no job, as a crash
    // between two durable transactions would.
    transactions.inRepeatableTransaction("storing the inputs of job " + job, connection -> {
      deleteInputs(connection, job);
      if (postgres) {
        copyInputs(connection, job, batch);
      } else {
        insertInputs(connection, job, batch);
      }
      return null;
    });
  }

  // why: COPY streams the rows in one statement, several times faster than batched INSERTs on PostgreSQL.
  private void copyInputs(Connection connection, JobId job, List<InputItem> batch) throws SQLException {
    UUID id = JobRows.uuid(job);
    try (PgCopy copy = PgCopy.into(connection, "mr_input", INPUT_COLUMNS)) {
      for (int seq = 0; seq < batch.size(); seq++) {
        InputItem item = batch.get(seq);
        for (Map.Entry<String, InputData> input : item.inputs().entrySet()) {
          Row row = toStore(job, item.name(), input.getKey(), input.getValue());
          copy.uuid(id).text(item.name()).number(seq).text(input.getKey()).text(row.mediaType()).bytes(row.content())
              .text(row.kind()).number(row.size()).endRow();
        }
      }
      copy.finish();
    }
  }

  private void insertInputs(Connection connection, JobId job, List<InputItem> batch) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO mr_input (" + INPUT_COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      UUID id = JobRows.uuid(job);
      int pending = 0;
      for (int seq = 0; seq < batch.size(); seq++) {
        InputItem item = batch.get(seq);
        for (Map.Entry<String, InputData> input : item.inputs().entrySet()) {
          Row row = toStore(job, item.name(), input.getKey(), input.getValue());
          statement.setObject(1, id);
          statement.setString(2, item.name());
          statement.setInt(3, seq);
          statement.setString(4, input.getKey());
          statement.setString(5, row.mediaType());
          statement.setBytes(6, row.content());
          if (row.kind() == null) {
            statement.setNull(7, Types.VARCHAR);
          } else {
            statement.setString(7, row.kind());
          }
          statement.setLong(8, row.size());
          statement.addBatch();
          if (++pending % INSERT_BATCH == 0) {
            statement.executeBatch();
          }
        }
      }
      statement.executeBatch();
    }
  }

  /** The row that stores an input: its reference, when this store can open it again, else its bytes read now. */
  private Row toStore(JobId job, String item, String input, InputData data) {
    InputReference reference = referenceOf(data.content());
    if (reference != null) {
      return new Row(data.mediaType(), data.size(), reference.sealed(), reference.kind());
    }
    byte[] bytes = read(job, item, input, data.content());
    return new Row(data.mediaType(), bytes.length, bytes, null);
  }

  @Override
  public Optional<InputItem> item(JobId job, String item) {
    requireNonNull(job, "job");
    requireNonNull(item, "item");
    return rows(job, item).map(inputs -> {
      Map<String, InputData> opened = new LinkedHashMap<>();
      inputs.forEach((name, row) -> opened.put(name, row.data(row.kind() == null
          ? ByteSource.wrap(row.content()) : open(new InputReference(row.kind(), row.content())))));
      return new InputItem(item, opened);
    });
  }

  /**
   * Reads the items as {@link #item} does (read ahead), then opens their references together, kind by kind, through
   * {@link InputReferences#openAll}: the S3 objects of a batch are fetched at once, not one by one as the model reads
   * them.
   */
  @Override
  public Map<String, InputItem> items(JobId job, List<String> items) {
    requireNonNull(job, "job");
    Map<String, Map<String, Row>> found = new LinkedHashMap<>();
    Map<String, List<Input>> referenced = new HashMap<>();
    for (String item : items) {
      rows(job, requireNonNull(item, "item")).ifPresent(inputs -> {
        found.put(item, inputs);
        inputs.forEach((name, row) -> {
          if (row.kind() != null) {
            referenced.computeIfAbsent(row.kind(), kind -> new ArrayList<>()).add(new Input(item, name));
          }
        });
      });
    }
    Map<Input, ByteSource> opened = new HashMap<>();
    referenced.forEach((kind, inputs) -> {
      List<InputReference> batch = inputs.stream()
          .map(input -> new InputReference(kind, found.get(input.item()).get(input.name()).content())).toList();
      InputReferences opener = references.get(kind);
      List<ByteSource> contents = opener == null ? batch.stream().map(this::open).toList() : opener.openAll(batch);
      for (int i = 0; i < inputs.size(); i++) {
        opened.put(inputs.get(i), contents.get(i));
      }
    });
    Map<String, InputItem> result = LinkedHashMap.newLinkedHashMap(found.size());
    found.forEach((item, inputs) -> {
      Map<String, InputData> data = new LinkedHashMap<>();
      inputs.forEach((name, row) -> data.put(name, row.data(row.kind() == null
          ? ByteSource.wrap(row.content()) : opened.get(new Input(item, name)))));
      result.put(item, new InputItem(item, data));
    });
    return result;
  }

  /** The stored inputs of one item, from the read-ahead cache or with the items stored after it. */
  private Optional<Map<String, Row>> rows(JobId job, String item) {
    Cached cached = readAhead.remove(new CacheKey(job, item));
    if (cached != null) {
      cachedBytes.addAndGet(-cached.bytes());
      return Optional.of(cached.inputs());
    }
    return transactions.autoCommit("reading an input of job " + job, connection -> {
      UUID id = JobRows.uuid(job);
      Integer seq = null;
      try (PreparedStatement statement = connection.prepareStatement(
          "SELECT seq FROM mr_input WHERE job_id = ? AND item = ? LIMIT 1")) {
        statement.setObject(1, id);
        statement.setString(2, item);
        try (ResultSet rows = statement.executeQuery()) {
          if (rows.next()) {
            seq = rows.getInt(1);
          }
        }
      }
      if (seq == null) {
        return Optional.empty();
      }
      Map<String, Map<String, Row>> window = new LinkedHashMap<>();
      Map<String, Long> stored = new HashMap<>();
      try (PreparedStatement statement = connection.prepareStatement("SELECT item, input_name, media_type, content, "
          + "reference_kind, size_bytes FROM mr_input WHERE job_id = ? AND seq >= ? AND seq < ? ORDER BY seq")) {
        statement.setObject(1, id);
        statement.setInt(2, seq);
        statement.setInt(3, seq + READ_AHEAD);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            String name = rows.getString(1);
            byte[] bytes = rows.getBytes(4);
            window.computeIfAbsent(name, key -> new LinkedHashMap<>())
                .put(rows.getString(2), new Row(rows.getString(3), rows.getLong(6), bytes, rows.getString(5)));
            stored.merge(name, (long) bytes.length, Long::sum);
          }
        }
      }
      Map<String, Row> wanted = window.remove(item);
      window.forEach((name, inputs) -> remember(job, name, inputs, stored.get(name)));
      return Optional.ofNullable(wanted);
    });
  }

  @Override
  public AppendResult append(JobId job, String item, String input, byte[] chunk, long maxInputSize, int maxItems) {
    requireNonNull(job, "job");
    requireNonNull(item, "item");
    requireNonNull(input, "input");
    requireNonNull(chunk, "chunk");
    Lock lock = appendLocks.get(job);
    lock.lock();
    try {
      return transactions.inTransaction("appending to job " + job, connection -> {
        UUID id = JobRows.uuid(job);
        if (!hasItem(connection, id, item) && itemCount(connection, id) >= maxItems) {
          return AppendResult.TOO_MANY_ITEMS;
        }
        if (inputSize(connection, id, item, input) + chunk.length > maxInputSize) {
          return AppendResult.INPUT_TOO_LARGE;
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO mr_chunk (job_id, item, "
            + "input_name, size_bytes, content) VALUES (?, ?, ?, ?, ?)")) {
          statement.setObject(1, id);
          statement.setString(2, item);
          statement.setString(3, input);
          statement.setInt(4, chunk.length);
          statement.setBytes(5, chunk);
          statement.executeUpdate();
        }
        return AppendResult.APPENDED;
      });
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Map<String, Map<String, byte[]>> chunks(JobId job) {
    requireNonNull(job, "job");
    return transactions.autoCommit("reading the chunks of job " + job, connection -> {
      Map<String, Map<String, ByteArrayOutputStream>> joined = new LinkedHashMap<>();
      try (PreparedStatement statement = connection.prepareStatement("SELECT item, input_name, content "
          + "FROM mr_chunk WHERE job_id = ? ORDER BY id")) {
        statement.setObject(1, JobRows.uuid(job));
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            joined.computeIfAbsent(rows.getString(1), name -> new LinkedHashMap<>())
                .computeIfAbsent(rows.getString(2), name -> new ByteArrayOutputStream())
                .writeBytes(rows.getBytes(3));
          }
        }
      }
      Map<String, Map<String, byte[]>> chunks = new LinkedHashMap<>();
      joined.forEach((item, inputs) -> {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        inputs.forEach((input, stream) -> bytes.put(input, stream.toByteArray()));
        chunks.put(item, bytes);
      });
      return chunks;
    });
  }

  @Override
  public void deleteAfter(JobId job, Instant at) {
    requireNonNull(job, "job");
    requireNonNull(at, "at");
    transactions.inTransaction("scheduling the deletion of the inputs of job " + job, connection -> {
      try (PreparedStatement statement = connection.prepareStatement(upsertExpiry)) {
        statement.setObject(1, JobRows.uuid(job));
        statement.setObject(2, timestamp(at));
        return statement.executeUpdate();
      }
    });
  }

  @Override
  public int deleteExpired(Instant now) {
    requireNonNull(now, "now");
    List<UUID> due = transactions.autoCommit("looking for expired inputs", connection -> {
      try (PreparedStatement statement = connection.prepareStatement(
          "SELECT job_id FROM mr_input_expiry WHERE expires_at <= ? ORDER BY expires_at LIMIT 1000")) {
        statement.setObject(1, timestamp(now));
        List<UUID> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getObject(1, UUID.class));
          }
        }
        return ids;
      }
    });
    int deleted = 0;
    for (UUID id : due) {
      JobId job = JobId.of(id);
      boolean mine = transactions.inTransaction("deleting the inputs of job " + job, connection -> {
        try (PreparedStatement statement = connection.prepareStatement(
            "DELETE FROM mr_input_expiry WHERE job_id = ? AND expires_at <= ?")) {
          statement.setObject(1, id);
          statement.setObject(2, timestamp(now));
          // why: another node's sweep may have taken this job first; only one counts it.
          if (statement.executeUpdate() == 0) {
            return false;
          }
        }
        deleteInputs(connection, job);
        return true;
      });
      if (mine) {
        deleted++;
      }
    }
    return deleted;
  }

  @Override
  public void delete(JobId job) {
    requireNonNull(job, "job");
    transactions.inTransaction("deleting the inputs of job " + job, connection -> {
      deleteInputs(connection, job);
      return null;
    });
  }

  /** The reference to keep instead of the bytes, when the content is one this store can open again; else null. */
  private InputReference referenceOf(ByteSource content) {
    if (content instanceof ReferencedContent referenced && !references.isEmpty()) {
      InputReference reference = referenced.reference();
      if (references.containsKey(reference.kind())) {
        return reference;
      }
    }
    return null;
  }

  private ByteSource open(InputReference reference) {
    InputReferences opener = references.get(reference.kind());
    if (opener == null) {
      // why: fail the item that reads it, with the reason, rather than the worker that fetched it.
      return InputReferences.unreadable("this input is kept as a reference of kind '" + reference.kind() + "', "
          + "which this server cannot open (it was given no input references of that kind)");
    }
    return opener.open(reference);
  }

  /** @param bytes what the item takes in the database (its references' size, not their objects') */
  private void remember(JobId job, String item, Map<String, Row> inputs, long bytes) {
    if (bytes > MAX_CACHED_BYTES / READ_AHEAD) {
      return;
    }
    if (cachedBytes.get() + bytes > MAX_CACHED_BYTES) {
      // why: entries nobody asks for (items another node claimed, jobs that ended) must not fill the cache for good.
      readAhead.clear();
      cachedBytes.set(0);
    }
    Cached previous = readAhead.put(new CacheKey(job, item), new Cached(inputs, bytes));
    cachedBytes.addAndGet(bytes - (previous == null ? 0 : previous.bytes()));
  }

  private void forget(JobId job) {
    readAhead.entrySet().removeIf(entry -> {
      if (entry.getKey().job().equals(job)) {
        cachedBytes.addAndGet(-entry.getValue().bytes());
        return true;
      }
      return false;
    });
  }

  private void deleteInputs(Connection connection, JobId job) throws SQLException {
    forget(job);
    for (String table : List.of("mr_input", "mr_chunk")) {
      try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE job_id = ?")) {
        statement.setObject(1, JobRows.uuid(job));
        statement.executeUpdate();
      }
    }
  }

  private static boolean hasItem(Connection connection, UUID job, String item) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT 1 FROM mr_chunk WHERE job_id = ? AND item = ? LIMIT 1")) {
      statement.setObject(1, job);
      statement.setString(2, item);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static long itemCount(Connection connection, UUID job) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT COUNT(DISTINCT item) FROM mr_chunk WHERE job_id = ?")) {
      statement.setObject(1, job);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static long inputSize(Connection connection, UUID job, String item, String input) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT COALESCE(SUM(size_bytes), 0) "
        + "FROM mr_chunk WHERE job_id = ? AND item = ? AND input_name = ?")) {
      statement.setObject(1, job);
      statement.setString(2, item);
      statement.setString(3, input);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private record CacheKey(JobId job, String item) {}

  private record Cached(Map<String, Row> inputs, long bytes) {}

  /** One input as stored: its bytes, or its reference's when {@code kind} is set. */
  private record Row(String mediaType, long size, byte[] content, String kind) {
    InputData data(ByteSource opened) {
      return new InputData(mediaType, size, opened);
    }
  }

  /** One input of one item. */
  private record Input(String item, String name) {}

  private static byte[] read(JobId job, String item, String input, ByteSource content) {
    try {
      return content.read();
    } catch (IOException e) {
      throw new StoreException("reading input " + item + "." + input + " of job " + job + " failed", e);
    }
  }
}
