package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One record of a tabular model: a value for every field, by field name, iterated in field order. Unmodifiable. Many
 * records share one {@link Shape} (the field names and their index), so a record holds only its values: what a
 * {@code LinkedHashMap} per record would spend on nodes and a hash table is not paid per record.
 */
public final class FieldRecord extends AbstractMap<String, Object> {
  private final Shape shape;
  private final Object[] values;

  private FieldRecord(Shape shape, Object[] values) {
    this.shape = shape;
    this.values = values;
  }

  /** The value of the field at {@code index} in field order. */
  public Object value(int index) {
    return values[index];
  }

  @Override
  public Object get(Object field) {
    int index = shape.indexOf(field);
    return index < 0 ? null : values[index];
  }

  @Override
  public boolean containsKey(Object field) {
    return shape.indexOf(field) >= 0;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            int index = next++;
            return new SimpleImmutableEntry<>(shape.names.get(index), values[index]);
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }

  /** The field names of records, in order, with their index. */
  public static final class Shape {
    private final List<String> names;
    private final Map<String, Integer> index;

    private Shape(List<String> names) {
      this.names = List.copyOf(names);
      this.index = HashMap.newHashMap(names.size());
      for (int i = 0; i < this.names.size(); i++) {
        checkArgument(index.put(this.names.get(i), i) == null, "field '%s' is named twice", this.names.get(i));
      }
    }

    /** @throws IllegalArgumentException when a name repeats */
    public static Shape of(List<String> names) {
      return new Shape(names);
    }

    public List<String> names() {
      return names;
    }

    /**
     * A record of these fields; takes {@code values} (one per field, in field order, none null) without copying, so
     * the caller must not change the array afterwards.
     */
    public FieldRecord record(Object[] values) {
      checkArgument(values.length == names.size(), "%s values for %s fields", values.length, names.size());
      for (int i = 0; i < values.length; i++) {
        requireNonNull(values[i], names.get(i));
      }
      return new FieldRecord(this, values);
    }

    // why: a record has few fields and is asked for them by the very strings of its shape (constants of the model),
    // so a scan for the same string finds most names without hashing; a map serves the rest.
    int indexOf(Object name) {
      for (int i = 0; i < Math.min(names.size(), 16); i++) {
        if (names.get(i) == name) {
          return i;
        }
      }
      Integer i = index.get(name);
      return i == null ? -1 : i;
    }
  }
}
