package dev.modelrun.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordBatchTest {
  @Test
  void a_batch_name_gives_back_the_batch() {
    RecordBatch batch = new RecordBatch(41, 10_497, 256, 1_234_567_890_123L, 8192);

    assertThat(batch.name()).isEqualTo("batch-41-rows-10497-10752-at-1234567890123-8192");
    assertThat(RecordBatch.parse(batch.name())).isEqualTo(batch);
    assertThat(batch.partName()).isEqualTo("part-41");
    assertThatThrownBy(() -> RecordBatch.parse("item-1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void spooled_records_read_back_with_every_type_exact() throws Exception {
    List<Field> fields = List.of(Field.of("s", FieldType.STRING), Field.of("i", FieldType.INTEGER),
        Field.of("n", FieldType.NUMBER), Field.of("b", FieldType.BOOLEAN));
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("s", "ünïcode, \"quoted\"\nline");
    first.put("i", Long.MIN_VALUE);
    first.put("n", new BigDecimal("-12345678901234567890.000000000000000001"));
    first.put("b", true);
    Map<String, Object> second = Map.of("s", "", "i", 0L, "n", new BigDecimal("1E+999"), "b", false);
    RecordSpool.Buffer buffer = new RecordSpool.Buffer();
    RecordSpool.write(buffer, fields, first);
    RecordSpool.write(buffer, fields, second);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    buffer.writeTo(bytes);

    List<Map<String, Object>> read = RecordSpool.read(bytes.toByteArray(), fields, 2);
    assertThat(read).containsExactly(first, second);
    assertThat(read.getFirst().keySet()).containsExactly("s", "i", "n", "b");
    assertThatThrownBy(() -> RecordSpool.read(bytes.toByteArray(), fields, 3)).isInstanceOf(IOException.class)
        .hasMessageContaining("record 3");
  }
}
