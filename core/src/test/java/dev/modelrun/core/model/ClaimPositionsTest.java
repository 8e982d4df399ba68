package dev.modelrun.core.model;

import static dev.modelrun.core.model.JobFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.port.out.WorkQueue.Claim;
import dev.modelrun.core.port.out.WorkQueue.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A claim's positions of its items, and the outcomes it makes of them (beside the job fixtures it needs). */
class ClaimPositionsTest {
  private final Job job = JobFixtures.submitted(3).start(2, at(1));

  @Test
  void outcomes_of_a_claim_carry_each_item_with_its_position() {
    Claim claim = new Claim(job, List.of("b", "c"), new int[] {1, 2}, true);

    assertThat(claim.outcome(1, ItemState.FAILED)).isEqualTo(new Outcome("c", 2, ItemState.FAILED));
    assertThat(claim.position(0)).isEqualTo(1);
    assertThat(new Outcome("c", ItemState.FAILED).position()).isEqualTo(Outcome.UNKNOWN_POSITION);
  }

  @Test
  void positions_are_copied_in_and_out() {
    int[] positions = {1, 2};
    Claim claim = new Claim(job, List.of("b", "c"), positions, true);
    positions[0] = 5;
    claim.positions()[1] = 6;

    assertThat(claim.positions()).containsExactly(1, 2);
    assertThat(claim).isEqualTo(new Claim(job, List.of("b", "c"), new int[] {1, 2}, true));
  }

  @Test
  void a_claim_has_a_position_per_item_and_none_negative() {
    assertThatThrownBy(() -> new Claim(job, List.of("b", "c"), new int[] {1}, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Claim(job, List.of("b"), new int[] {-1}, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Outcome("b", -2, ItemState.SUCCEEDED)).isInstanceOf(IllegalArgumentException.class);
  }
}
