package dev.modelrun.core.model;

import static dev.modelrun.core.model.JobFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.billing.Billing;
import dev.modelrun.core.model.JobQuery.SortKey;
import dev.modelrun.core.model.JobQuery.StatusFilter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobQueryTest {

  private static Job job(int n, long submittedSecond, String name) {
    JobId id = JobId.of(new UUID(0, n));
    return Job.submitted(id, JobSpec.defaults().withName(name), JobFixtures.OWNER, JobFixtures.itemModel(),
        InputDescription.of("text"), 1, new Billing(1, 1, 1), 1, at(submittedSecond));
  }

  @Test
  void all_is_every_job_newest_first_on_the_first_page_of_twenty() {
    JobQuery all = JobQuery.all();
    assertThat(all.status()).isEqualTo(StatusFilter.ALL);
    assertThat(all.page()).isEqualTo(1);
    assertThat(all.perPage()).isEqualTo(20);
    assertThat(all.sortBy()).isEqualTo(SortKey.SUBMITTED_AT);
    assertThat(all.ascending()).isFalse();
    assertThat(all.offset()).isZero();
    assertThat(all.matches(job(1, 0, "a"))).isTrue();
  }

  @Test
  void the_status_filters_split_running_from_finished_jobs() {
    Job running = job(1, 0, "a");
    Job timedOut = running.timeOut(at(5));
    Job canceled = running.cancel(at(5));
    Job open = Job.open(JobId.of(new UUID(0, 9)), JobSpec.defaults(), JobFixtures.OWNER, JobFixtures.itemModel(), at(0));

    assertThat(StatusFilter.PENDING.matches(running.status())).isTrue();
    assertThat(StatusFilter.PENDING.matches(open.status())).isTrue();
    assertThat(StatusFilter.PENDING.matches(timedOut.status())).isFalse();
    assertThat(StatusFilter.TERMINATED.matches(canceled.status())).isTrue();
    assertThat(StatusFilter.TERMINATED.matches(running.status())).isFalse();
    assertThat(StatusFilter.TIMEDOUT.matches(timedOut.status())).isTrue();
    assertThat(StatusFilter.TIMEDOUT.matches(canceled.status())).isFalse();
    assertThat(JobQuery.all().withStatus(StatusFilter.TIMEDOUT).matches(timedOut)).isTrue();
  }

  @Test
  void the_model_filter_matches_identifier_or_name_ignoring_case() {
    Job job = job(1, 0, "a");
    assertThat(JobQuery.all().withModel("ED542963DE").matches(job)).isTrue();
    assertThat(JobQuery.all().withModel("sentiment analysis").matches(job)).isTrue();
    assertThat(JobQuery.all().withModel("tabular-demo").matches(job)).isFalse();
  }

  @Test
  void user_and_key_filter_within_the_callers_jobs() {
    Job job = job(1, 0, "a");
    assertThat(JobQuery.all().withUserAndKey("ada", "k1").matches(job)).isTrue();
    assertThat(JobQuery.all().withUserAndKey("bob", "").matches(job)).isFalse();
    assertThat(JobQuery.all().withUserAndKey("", "k2").matches(job)).isFalse();
  }

  @Test
  void the_period_bounds_submission_inclusively() {
    Job job = job(1, 10, "a");
    assertThat(JobQuery.all().withPeriod(at(10), at(10)).matches(job)).isTrue();
    assertThat(JobQuery.all().withPeriod(at(11), null).matches(job)).isFalse();
    assertThat(JobQuery.all().withPeriod(null, at(9)).matches(job)).isFalse();
    assertThat(JobQuery.all().withPeriod(null, null).matches(job)).isTrue();
  }

  @Test
  void an_open_job_is_placed_in_time_by_its_creation() {
    Job open = Job.open(JobId.of(new UUID(0, 9)), JobSpec.defaults(), JobFixtures.OWNER, JobFixtures.itemModel(), at(3));
    assertThat(JobQuery.all().withPeriod(at(3), at(3)).matches(open)).isTrue();
  }

  @Test
  void a_period_that_ends_before_it_starts_is_refused() {
    assertThatThrownBy(() -> JobQuery.all().withPeriod(at(2), at(1))).isInstanceOf(InvalidInputException.class)
        .hasMessage("startDate must not be after endDate");
  }

  @Test
  void newest_first_breaks_ties_by_id_so_pages_never_overlap() {
    Job a = job(1, 5, "a");
    Job b = job(2, 5, "b");
    Job c = job(3, 9, "c");
    List<Job> sorted = List.of(a, b, c).stream().sorted(JobQuery.all().order()).toList();
    assertThat(sorted).containsExactly(c, a, b);
    List<Job> again = List.of(b, c, a).stream().sorted(JobQuery.all().order()).toList();
    assertThat(again).containsExactly(c, a, b);
  }

  @Test
  void ascending_order_by_name() {
    Job a = job(1, 5, "zeta");
    Job b = job(2, 6, "alpha");
    assertThat(List.of(a, b).stream().sorted(JobQuery.all().withSort(SortKey.NAME, true).order()).toList())
        .containsExactly(b, a);
  }

  @Test
  void pages_start_at_one_and_hold_one_to_a_thousand_jobs() {
    assertThat(JobQuery.all().withPage(3, 25).offset()).isEqualTo(50);
    assertThat(JobQuery.all().withPage(Integer.MAX_VALUE, 1000).offset())
        .isEqualTo((long) (Integer.MAX_VALUE - 1) * 1000);
    assertThatThrownBy(() -> JobQuery.all().withPage(0, 20)).isInstanceOf(InvalidInputException.class)
        .hasMessage("page must be >= 1 but was 0");
    assertThatThrownBy(() -> JobQuery.all().withPage(1, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> JobQuery.all().withPage(1, 1001)).isInstanceOf(InvalidInputException.class)
        .hasMessage("per-page must be between 1 and 1000 but was 1001");
  }

  @ParameterizedTest
  @CsvSource({"all,ALL", "Pending,PENDING", "TERMINATED,TERMINATED", " timedout ,TIMEDOUT", "COMPLETED,COMPLETED",
      "in_progress,IN_PROGRESS", "In-Progress,IN_PROGRESS", "canceled,CANCELED", "error,ERROR"})
  void status_values_are_read_ignoring_case(String text, StatusFilter expected) {
    assertThat(StatusFilter.parse(text)).isEqualTo(expected);
  }

  @Test
  void an_unknown_status_value_is_refused_listing_the_choices() {
    assertThatThrownBy(() -> StatusFilter.parse("done")).isInstanceOf(InvalidInputException.class)
        .hasMessage("status must be one of all, pending, terminated, or a job status (open, submitted, "
            + "in_progress, completed, error, canceled, timedout) but was 'done'");
  }

  @Test
  void a_status_filter_of_one_status_matches_that_status_alone() {
    for (StatusFilter filter : StatusFilter.values()) {
      for (JobStatus status : JobStatus.values()) {
        boolean expected = switch (filter) {
          case ALL -> true;
          case PENDING -> !status.isTerminal();
          case TERMINATED -> status.isTerminal();
          default -> filter.name().equals(status.name());
        };
        assertThat(filter.matches(status)).as("%s matches %s", filter, status).isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"submittedAt,SUBMITTED_AT", "SUBMITTEDAT,SUBMITTED_AT", "submitted_at,SUBMITTED_AT",
      "created-at,CREATED_AT", "updatedAt,UPDATED_AT", "Name,NAME", "status,STATUS", "MODEL,MODEL"})
  void sort_values_are_read_ignoring_case_and_separators(String text, SortKey expected) {
    assertThat(SortKey.parse(text)).isEqualTo(expected);
  }

  @Test
  void an_unknown_sort_value_is_refused() {
    assertThatThrownBy(() -> SortKey.parse("size")).isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith("but was 'size'");
  }

  @Test
  void sort_keys_have_the_labels_of_the_api() {
    assertThat(SortKey.SUBMITTED_AT.label()).isEqualTo("submittedAt");
  }

  @Test
  void every_sort_key_orders_jobs() {
    Job older = job(1, 1, "b");
    Job newer = job(2, 2, "a").start(1, at(3));
    for (SortKey key : SortKey.values()) {
      List<Job> asc = List.of(newer, older).stream().sorted(JobQuery.all().withSort(key, true).order()).toList();
      List<Job> desc = List.of(older, newer).stream().sorted(JobQuery.all().withSort(key, false).order()).toList();
      assertThat(asc).as(key.label()).hasSize(2).doesNotHaveDuplicates();
      if (key != SortKey.MODEL) {
        assertThat(desc).as(key.label()).containsExactlyElementsOf(asc.reversed());
      }
    }
  }
}
