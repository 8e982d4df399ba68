package dev.modelrun.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

class MappingProperties {

  @Property
  void every_field_reads_exactly_the_value_of_its_column_in_the_models_order(
      @ForAll("names") @Size(min = 1, max = 6) @UniqueElements List<String> fieldNames,
      @ForAll("decimals") List<BigDecimal> values, @ForAll long shuffleSeed, @ForAll boolean rename) {
    List<Field> fields = fieldNames.stream().map(n -> Field.of(n, FieldType.NUMBER)).toList();
    List<FieldMapping> mappings = rename
        ? fieldNames.stream().map(n -> FieldMapping.of("col " + n, n)).toList() : List.of();
    Map<String, BigDecimal> expected = new LinkedHashMap<>();
    List<Map.Entry<String, String>> cells = new ArrayList<>();
    for (int i = 0; i < fieldNames.size(); i++) {
      BigDecimal value = values.isEmpty() ? BigDecimal.valueOf(i) : values.get(i % values.size());
      expected.put(fieldNames.get(i), value);
      cells.add(Map.entry((rename ? "col " : "") + fieldNames.get(i), value.toString()));
    }
    Collections.shuffle(cells, new Random(shuffleSeed));
    Map<String, Object> columns = new LinkedHashMap<>();
    cells.forEach(cell -> columns.put(cell.getKey(), cell.getValue()));

    Map<String, Object> record = InputMapping.of(fields, mappings).apply(1, columns);

    assertThat(record.keySet()).containsExactlyElementsOf(fieldNames);
    expected.forEach((field, value) -> assertThat(record.get(field)).isEqualTo(value));
  }

  @Property
  void output_renames_keep_every_value_under_its_new_column_in_field_order(
      @ForAll("names") @Size(min = 1, max = 6) @UniqueElements List<String> fieldNames, @ForAll long seed) {
    List<Field> fields = fieldNames.stream().map(n -> Field.of(n, FieldType.STRING)).toList();
    // a random permutation of the field names as new column names: always free of collisions
    List<String> newNames = new ArrayList<>(fieldNames);
    Collections.shuffle(newNames, new Random(seed));
    List<FieldMapping> mappings = new ArrayList<>();
    for (int i = 0; i < fieldNames.size(); i++) {
      mappings.add(FieldMapping.of(fieldNames.get(i), newNames.get(i)));
    }
    Map<String, Object> output = new HashMap<>();
    fieldNames.forEach(n -> output.put(n, "value of " + n));

    OutputMapping mapping = OutputMapping.of(fields, mappings);
    Map<String, Object> row = mapping.apply(output);

    assertThat(mapping.columns()).containsExactlyElementsOf(newNames);
    assertThat(row.keySet()).containsExactlyElementsOf(newNames);
    for (int i = 0; i < fieldNames.size(); i++) {
      assertThat(row.get(newNames.get(i))).isEqualTo("value of " + fieldNames.get(i));
    }
  }

  @Provide
  Arbitrary<List<String>> names() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).list();
  }

  @Provide
  Arbitrary<List<BigDecimal>> decimals() {
    return Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(6).list()
        .ofMaxSize(6);
  }
}
