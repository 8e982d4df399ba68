package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobIdTest {
  private static final String CANONICAL = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

  @Test
  void a_canonical_uuid_is_a_job_id() {
    assertThat(JobId.parse(CANONICAL).value()).isEqualTo(CANONICAL);
    assertThat(JobId.of(UUID.fromString(CANONICAL))).isEqualTo(new JobId(CANONICAL)).hasToString(CANONICAL);
  }

  @Test
  void a_malformed_client_id_reads_as_a_job_that_does_not_exist() {
    for (String bad : new String[] {"", "42", "3F2504E0-4F89-41D3-9A0C-0305E82C3301", "3f2504e0-4f89-41d3-9a0c-0305e82c330",
        "3f2504e0-4f89-41d3-9a0c-0305e82c33011", "3f2504e04f8941d39a0c0305e82c3301xxxx", "../../etc/passwd"}) {
      assertThatThrownBy(() -> JobId.parse(bad)).as(bad).isInstanceOf(NotFoundException.class)
          .hasMessage("job " + bad + " not found");
    }
    assertThatThrownBy(() -> JobId.parse(null)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void building_an_id_from_a_non_uuid_is_a_programming_error() {
    assertThatThrownBy(() -> new JobId("nope")).isInstanceOf(IllegalArgumentException.class);
  }
}
