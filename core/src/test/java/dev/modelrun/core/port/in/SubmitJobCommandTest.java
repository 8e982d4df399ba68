package dev.modelrun.core.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.TextInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmitJobCommandTest {
  private static final CallerIdentity CALLER = new CallerIdentity("acme", "data", "ada", "k1");
  private static final JobRequest REQUEST = new JobRequest(ModelRef.of("ed542963de", "0.0.27"), JobSpec.defaults(),
      new TextInput(Map.of("item", Map.of("input.txt", "I love it"))));

  @Test
  void a_command_without_a_key_has_no_idempotency() {
    SubmitJobCommand command = SubmitJobCommand.of(CALLER, REQUEST);
    assertThat(command.hasIdempotencyKey()).isFalse();
    assertThat(command.fingerprint()).isEmpty();
  }

  @Test
  void a_key_of_up_to_255_characters_is_kept() {
    SubmitJobCommand command = new SubmitJobCommand(CALLER, REQUEST, "k".repeat(255), "sha256:abc");
    assertThat(command.hasIdempotencyKey()).isTrue();
  }

  @Test
  void a_longer_key_is_refused() {
    assertThatThrownBy(() -> new SubmitJobCommand(CALLER, REQUEST, "k".repeat(256), "f"))
        .isInstanceOf(InvalidInputException.class).hasMessage("Idempotency-Key must be at most 255 characters");
  }

  @Test
  void nothing_may_be_null() {
    assertThatThrownBy(() -> new SubmitJobCommand(null, REQUEST, "", "")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SubmitJobCommand(CALLER, REQUEST, null, "")).isInstanceOf(NullPointerException.class);
  }
}
