package dev.modelrun.engine;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One unit of work of a structured job: {@code count} records from the 1-based row {@code firstRow}, stored at
 * {@code offset} for {@code length} bytes in the job's records file. Its name, under which the job store keeps it,
 * says all of that, so a worker on any node finds the records from the name alone.
 */
record RecordBatch(int index, long firstRow, int count, long offset, long length) {
  private static final String PREFIX = "batch-";

  RecordBatch {
    checkArgument(index >= 0, "index must be >= 0 but was %s", index);
    checkArgument(firstRow >= 1, "firstRow must be >= 1 but was %s", firstRow);
    checkArgument(count >= 1, "count must be >= 1 but was %s", count);
    checkArgument(offset >= 0 && length >= 0, "offset and length must be >= 0");
  }

  long lastRow() {
    return firstRow + count - 1;
  }

  /** {@code batch-<index>-rows-<first>-<last>-at-<offset>-<length>}. */
  String name() {
    return PREFIX + index + "-rows-" + firstRow + "-" + lastRow() + "-at-" + offset + "-" + length;
  }

  /** @throws IllegalArgumentException when the name is not one {@link #name()} gave */
  static RecordBatch parse(String name) {
    String[] parts = name.split("-");
    checkArgument(parts.length == 8 && name.startsWith(PREFIX) && parts[2].equals("rows") && parts[5].equals("at"),
        "not the name of a record batch: %s", name);
    long first = Long.parseLong(parts[3]);
    long last = Long.parseLong(parts[4]);
    return new RecordBatch(Integer.parseInt(parts[1]), first, Math.toIntExact(last - first + 1),
        Long.parseLong(parts[6]), Long.parseLong(parts[7]));
  }

  /** The name of the output part this batch writes. */
  String partName() {
    return JobFiles.part(index);
  }
}
