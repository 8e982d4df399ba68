package dev.modelrun.engine;

import com.fasterxml.jackson.core.JsonParseException;
import dev.modelrun.core.model.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the records of a CSV upload on several threads: the caller reads the file from the client and cuts it into
 * chunks right after a line feed; each chunk is parsed by its own Jackson {@code CsvParser}, mapped, checked and
 * spooled on a thread of its own, a few chunks ahead; the caller appends the chunks' records in file order. The
 * records, batches and errors are those of one pass over the file:
 *
 * <ul>
 *   <li>A line feed inside a quoted value is no record's end. Jackson says so: the chunk's parse then ends inside the
 *       quoted value ("Missing closing quote", which only the end of the input can cause), and the chunk is parsed
 *       again joined to the next one, whose own parse is dropped. A chunk that parsed to its end ended at a record's
 *       end, so the next chunk starts at one.
 *   <li>Row numbers count the records of the chunks before; a chunk that failed is parsed again by the caller once
 *       those are known, so its error names the same row as one pass would, and the first bad row is the one
 *       reported (chunks are taken in file order).
 *   <li>Only the first chunk holds the header; the others wait for it. No chunk is cut where its first bytes could
 *       read to Jackson as a byte order mark or another encoding; a file that does not start as UTF-8 (or would
 *       need a chunk too large) is read in one pass from there on.
 * </ul>
 */
final class CsvChunks {
  // why: a chunk for every core to parse while the caller reads the next one from the client.
  private static final int AHEAD = Runtime.getRuntime().availableProcessors() + 2;
  /**
   * How many times {@code chunkBytes} a chunk with no place to cut, or joined for a long quoted value, may grow to;
   * then one pass reads the rest.
   */
  private static final int MAX_CHUNKS_JOINED = 32;
  // why: Jackson's message when the input ends inside a quoted value (CsvDecoder); nothing else causes it.
  private static final String CUT_IN_QUOTES = "Missing closing quote";
  private static final byte[] NOTHING = new byte[0];

  private final InputStream in;
  private final boolean headerInFile;
  private final StructuredIntake.Records records;
  private final StructuredIntake.Batches batches;
  private final int chunkBytes;
  private final int maxChunkBytes;
  private final CompletableFuture<List<String>> header = new CompletableFuture<>();
  private final Deque<Pending> ahead = new ArrayDeque<>();
  /** Bytes read from the client after the last cut. */
  private byte[] carry = NOTHING;
  private int chunks;
  private boolean allRead;
  /** The records appended so far. */
  private long rows;

  /** @param columns the file's columns, or {@code null} when its first row is its header */
  CsvChunks(InputStream in, List<String> columns, StructuredIntake.Records records, StructuredIntake.Batches batches,
      int chunkBytes) {
    this.in = in;
    this.headerInFile = columns == null;
    this.records = records;
    this.batches = batches;
    this.chunkBytes = chunkBytes;
    this.maxChunkBytes = MAX_CHUNKS_JOINED * chunkBytes;
    if (columns != null) {
      header.complete(List.copyOf(columns));
    }
  }

  /**
   * One piece of the file: {@code bytes[0, length)}, then the rest of the client's file when it is the {@code tail}
   * (read in one pass by the caller); the first piece has {@code index} 0.
   */
  private record Chunk(int index, byte[] bytes, int length, boolean last, InputStream tail) {
    InputStream open() {
      InputStream head = new ByteArrayInputStream(bytes, 0, length);
      return tail == null ? head : new SequenceInputStream(head, tail);
    }
  }

  private record Pending(Chunk chunk, Future<Parsed> parsed) {}

  private enum Outcome { DONE, CUT_IN_QUOTES, FAILED }

  /** A chunk's parse: its records held (when done) and how many it read, or that it needs the next chunk, or failed. */
  private record Parsed(Outcome outcome, StructuredIntake.Spooled records, long count) {}

  /** Reads the whole file into the batches. */
  void read() throws IOException {
    ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("modelrun-csv-", 0)
        .factory());
    try {
      while (true) {
        while (!allRead && ahead.size() < AHEAD) {
          Chunk chunk = nextChunk();
          ahead.add(new Pending(chunk, chunk.tail() == null ? threads.submit(() -> parse(chunk, 0, false)) : null));
        }
        Pending next = ahead.poll();
        if (next == null) {
          return;
        }
        append(next.chunk(), next.parsed() == null ? null : await(next.parsed()));
      }
    } finally {
      // why: chunks still waiting for a header that will not come (the file was refused) stop at once.
      header.cancel(false);
      ahead.forEach(pending -> cancel(pending.parsed()));
      threads.shutdownNow();
      threads.close();
    }
  }

  /** Appends the records of {@code chunk}, given its parse on another thread (or {@code null}: parse it here). */
  private void append(Chunk chunk, Parsed parsed) throws IOException {
    while (true) {
      if (parsed == null || parsed.outcome() == Outcome.FAILED) {
        // why: here, the rows before are known: an error names its row as one pass would, and is thrown.
        parsed = parse(chunk, rows, true);
      }
      switch (parsed.outcome()) {
        case DONE -> {
          batches.add(parsed.records());
          rows += parsed.count();
          return;
        }
        case FAILED -> throw new IllegalStateException("a chunk parsed on the caller's thread cannot fail quietly");
        case CUT_IN_QUOTES -> {
          chunk = joinNext(chunk);
          parsed = null;
        }
      }
    }
  }

  /**
   * Parses a chunk that starts at a record's start after {@code rowsBefore} records. The records are held in the
   * answer, but those of the tail, which the caller reads ({@code here}), go to the batches as they fill.
   *
   * @throws InvalidInputException when {@code here} and the chunk has a bad record
   */
  private Parsed parse(Chunk chunk, long rowsBefore, boolean here) throws IOException {
    boolean readsHeader = headerInFile && chunk.index() == 0;
    boolean direct = here && chunk.tail() != null;
    StructuredIntake.Spooled spooled = new StructuredIntake.Spooled();
    long count = 0;
    try (RecordReader reader = RecordReader.csv(chunk.open(), readsHeader ? null : awaitHeader(), rowsBefore)) {
      Map<String, ?> columns;
      while ((columns = reader.next()) != null) {
        if (readsHeader && !header.isDone()) {
          header.complete(reader.columns());
        }
        records.add(spooled, reader, columns);
        count++;
        if (direct && spooled.count == batches.batchSize) {
          batches.add(spooled);
          spooled = new StructuredIntake.Spooled();
        }
      }
      if (readsHeader && reader.columns() != null) {
        header.complete(reader.columns());
      } else if (readsHeader && !chunk.last()) {
        // why: no header yet (only empty lines so far): it is in a later chunk.
        return new Parsed(Outcome.CUT_IN_QUOTES, null, count);
      }
      // why: the records held are those after the last full batch of a tail; the count is all the chunk read.
      return new Parsed(Outcome.DONE, spooled, count);
    } catch (InvalidInputException e) {
      if (!chunk.last() && e.getCause() instanceof JsonParseException jackson
          && String.valueOf(jackson.getOriginalMessage()).startsWith(CUT_IN_QUOTES)) {
        return new Parsed(Outcome.CUT_IN_QUOTES, null, count);
      }
      if (here) {
        throw e;
      }
      return new Parsed(Outcome.FAILED, null, count);
    }
  }

  private List<String> awaitHeader() throws IOException {
    try {
      return header.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("stopped while waiting for the CSV header");
    } catch (ExecutionException | CancellationException e) {
      throw new InterruptedIOException("the CSV header will not come");
    }
  }

  /** {@code chunk} with the chunk after it (whose parse is dropped); the rest of the file in one pass if too large. */
  private Chunk joinNext(Chunk chunk) throws IOException {
    if (ahead.isEmpty()) {
      ahead.add(new Pending(nextChunk(), null));
    }
    Chunk following = ahead.peek().chunk();
    if (following.tail() == null && (long) chunk.length() + following.length() <= maxChunkBytes) {
      cancel(ahead.poll().parsed());
      byte[] joined = Arrays.copyOf(chunk.bytes(), chunk.length() + following.length());
      System.arraycopy(following.bytes(), 0, joined, chunk.length(), following.length());
      return new Chunk(chunk.index(), joined, joined.length, following.last(), null);
    }
    // why: all that was read after this chunk, then what the client still sends, in one pass.
    List<InputStream> rest = new ArrayList<>();
    for (Pending pending : ahead) {
      cancel(pending.parsed());
      rest.add(pending.chunk().open());
    }
    ahead.clear();
    if (!allRead) {
      rest.add(new ByteArrayInputStream(carry));
      rest.add(in);
      carry = NOTHING;
      allRead = true;
    }
    return new Chunk(chunk.index(), chunk.bytes(), chunk.length(), true,
        new SequenceInputStream(Collections.enumeration(rest)));
  }

  /** The next chunk from the client: up to the last place it may be cut in about {@code chunkBytes}. */
  private Chunk nextChunk() throws IOException {
    int index = chunks++;
    byte[] buffer = Arrays.copyOf(carry, carry.length + chunkBytes);
    int length = carry.length;
    carry = NOTHING;
    while (true) {
      int n = 0;
      while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) >= 0) {
        length += n;
      }
      if (n < 0) {
        allRead = true;
        return new Chunk(index, buffer, length, true, null);
      }
      if (index == 0 && !startsAsUtf8(buffer, length)) {
        allRead = true;
        return new Chunk(index, buffer, length, true, in);
      }
      int cut = cut(buffer, length);
      if (cut > 0) {
        carry = Arrays.copyOfRange(buffer, cut, length);
        return new Chunk(index, buffer, cut, false, null);
      }
      if (buffer.length >= maxChunkBytes) {
        allRead = true;
        return new Chunk(index, buffer, length, true, in);
      }
      buffer = Arrays.copyOf(buffer, Math.min(maxChunkBytes, buffer.length * 2));
    }
  }

  /**
   * Where a chunk may end: just after the last line feed whose next four bytes are read and cannot start anything
   * but UTF-8 text to Jackson (no byte order mark, no zero byte of UTF-16 or UTF-32); -1 when there is none.
   */
  private static int cut(byte[] bytes, int length) {
    for (int i = length - 5; i >= 0; i--) {
      if (bytes[i] == '\n' && bytes[i + 1] != (byte) 0xEF && startsAsUtf8(bytes, i + 1, i + 5)) {
        return i + 1;
      }
    }
    return -1;
  }

  // why: Jackson reads a leading FE or FF as a UTF-16 byte order mark and zero bytes in the first four as UTF-16 or
  // UTF-32; such a file is read in one pass (a cut would give its later chunks to Jackson as UTF-8).
  private static boolean startsAsUtf8(byte[] bytes, int length) {
    return startsAsUtf8(bytes, 0, Math.min(length, 4));
  }

  private static boolean startsAsUtf8(byte[] bytes, int from, int to) {
    if (from < to && (bytes[from] == (byte) 0xFE || bytes[from] == (byte) 0xFF)) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (bytes[i] == 0) {
        return false;
      }
    }
    return true;
  }

  private static Parsed await(Future<Parsed> parsed) throws IOException {
    try {
      return parsed.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("stopped while reading the records");
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case RuntimeException runtime -> throw runtime;
        case Error error -> throw error;
        default -> throw new UncheckedIOException(new IOException(e.getCause()));
      }
    }
  }

  private static void cancel(Future<Parsed> parsed) {
    if (parsed != null) {
      parsed.cancel(true);
    }
  }
}
