package dev.modelrun.engine;

import java.util.List;
import java.util.Optional;

/**
 * The position of each name in a list of names, for the in-memory stores: a table of positions (open addressing,
 * linear probing) over the list itself. Unlike a {@code HashMap<String, Integer>} it holds no object per name (an
 * entry and a boxed position each), which the garbage collector would copy for as long as the job is kept. Immutable
 * once built; safe to read from any thread once published.
 */
final class NameIndex {
  private final List<String> names;
  // why: position + 1 in each used slot, 0 in a free one; at most half the slots are used, so probes stay short.
  private final int[] slots;
  private final int mask;
  private final int shift;
  private final String repeated;

  /** Indexes {@code names} (a list with fast access by position, not copied); a name given twice is found last. */
  NameIndex(List<String> names) {
    this.names = names;
    int capacity = Integer.highestOneBit(Math.max(2, names.size()) * 2 - 1) << 1;
    this.slots = new int[capacity];
    this.mask = capacity - 1;
    this.shift = Integer.SIZE - Integer.numberOfTrailingZeros(capacity);
    String firstRepeated = null;
    for (int position = 0; position < names.size(); position++) {
      String name = names.get(position);
      int slot = slotOf(name);
      if (slots[slot] != 0 && firstRepeated == null) {
        firstRepeated = name;
      }
      slots[slot] = position + 1;
    }
    this.repeated = firstRepeated;
  }

  /** The position of {@code name}, or -1 when it is not in the list. */
  int positionOf(String name) {
    int position = slots[slotOf(name)];
    return position - 1;
  }

  /** The first name the list gives twice, if any. */
  Optional<String> repeated() {
    return Optional.ofNullable(repeated);
  }

  /** How many slots a lookup of {@code name} reads: about 1 for most names; for tests of the table's spread. */
  int probes(String name) {
    // why: a lookup reads the slots from the name's home slot on, one after another, to the slot it ends at.
    return ((slotOf(name) - home(name)) & mask) + 1;
  }

  /** The slot that holds {@code name}'s position, or the free slot where it would go. */
  private int slotOf(String name) {
    int slot = home(name);
    while (slots[slot] != 0 && !names.get(slots[slot] - 1).equals(name)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  // why: names such as item-0 ... item-99999 have hash codes close together (they differ in the last characters
  // only), which the low bits of the hash alone pile into long runs of used slots: 5.5 slots read per lookup at
  // 100,000 such names, each a name compared. Multiplying by 2^32 / golden ratio and taking the high bits spreads
  // them (Fibonacci hashing): 1.2 slots per lookup.
  private int home(String name) {
    return (name.hashCode() * 0x9E3779B9) >>> shift;
  }
}
