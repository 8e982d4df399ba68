package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/**
 * A filter, order and page over the caller's own jobs. Empty strings and {@code null} instants mean "no filter";
 * {@code model} matches a model's identifier or its name; {@code from}/{@code to} bound {@code submittedAt}
 * inclusively.
 */
public record JobQuery(StatusFilter status, String model, String user, String accessKey, Instant from, Instant to,
    int page, int perPage, SortKey sortBy, boolean ascending) {
  public static final int DEFAULT_PER_PAGE = 20;
  public static final int MAX_PER_PAGE = 1000;

  public JobQuery {
    requireNonNull(status, "status");
    requireNonNull(model, "model");
    requireNonNull(user, "user");
    requireNonNull(accessKey, "accessKey");
    requireNonNull(sortBy, "sortBy");
    if (page < 1) {
      throw new InvalidInputException("page must be >= 1 but was " + page);
    }
    if (perPage < 1 || perPage > MAX_PER_PAGE) {
      throw new InvalidInputException("per-page must be between 1 and " + MAX_PER_PAGE + " but was " + perPage);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new InvalidInputException("startDate must not be after endDate");
    }
  }

  /** Every job, newest first, first page of 20. */
  public static JobQuery all() {
    return new JobQuery(StatusFilter.ALL, "", "", "", null, null, 1, DEFAULT_PER_PAGE, SortKey.SUBMITTED_AT, false);
  }

  public JobQuery withStatus(StatusFilter newStatus) {
    return new JobQuery(newStatus, model, user, accessKey, from, to, page, perPage, sortBy, ascending);
  }

  public JobQuery withModel(String newModel) {
    return new JobQuery(status, newModel, user, accessKey, from, to, page, perPage, sortBy, ascending);
  }

  public JobQuery withPage(int newPage, int newPerPage) {
    return new JobQuery(status, model, user, accessKey, from, to, newPage, newPerPage, sortBy, ascending);
  }

  public JobQuery withSort(SortKey newSortBy, boolean newAscending) {
    return new JobQuery(status, model, user, accessKey, from, to, page, perPage, newSortBy, newAscending);
  }

  public JobQuery withPeriod(Instant newFrom, Instant newTo) {
    return new JobQuery(status, model, user, accessKey, newFrom, newTo, page, perPage, sortBy, ascending);
  }

  public JobQuery withUserAndKey(String newUser, String newAccessKey) {
    return new JobQuery(status, model, newUser, newAccessKey, from, to, page, perPage, sortBy, ascending);
  }

  /** True when {@code job} passes every filter (ownership is checked by the caller of this rule, not here). */
  public boolean matches(Job job) {
    Instant submitted = job.submitted().orElse(job.createdAt());
    return status.matches(job.status())
        && (model.isEmpty() || model.equalsIgnoreCase(job.model().identifier())
            || model.equalsIgnoreCase(job.modelName()))
        && (user.isEmpty() || user.equals(job.owner().user()))
        && (accessKey.isEmpty() || accessKey.equals(job.owner().keyPrefix()))
        && (from == null || !submitted.isBefore(from))
        && (to == null || !submitted.isAfter(to));
  }

  /** The order of the listing; ties are broken by job id so pages never overlap. */
  public Comparator<Job> order() {
    Comparator<Job> byKey = sortBy.comparator();
    Comparator<Job> directed = ascending ? byKey : byKey.reversed();
    return directed.thenComparing(job -> job.id().value());
  }

  /** Offset of the first job of the page. */
  public long offset() {
    return (long) (page - 1) * perPage;
  }

  /**
   * The {@code status} filter of the history route: {@code all}, {@code pending} (not finished), {@code terminated}
   * (finished), or one status by name ({@code timedout}, {@code completed}, {@code in_progress}, ...), which some
   * Modzy clients send.
   */
  public enum StatusFilter {
    ALL,
    PENDING,
    TERMINATED,
    OPEN,
    SUBMITTED,
    IN_PROGRESS,
    COMPLETED,
    ERROR,
    CANCELED,
    TIMEDOUT;

    public boolean matches(JobStatus jobStatus) {
      return switch (this) {
        case ALL -> true;
        case PENDING -> !jobStatus.isTerminal();
        case TERMINATED -> jobStatus.isTerminal();
        case OPEN -> jobStatus == JobStatus.OPEN;
        case SUBMITTED -> jobStatus == JobStatus.SUBMITTED;
        case IN_PROGRESS -> jobStatus == JobStatus.IN_PROGRESS;
        case COMPLETED -> jobStatus == JobStatus.COMPLETED;
        case ERROR -> jobStatus == JobStatus.ERROR;
        case CANCELED -> jobStatus == JobStatus.CANCELED;
        case TIMEDOUT -> jobStatus == JobStatus.TIMEDOUT;
      };
    }

    /** Reads a filter ignoring case; {@code in-progress} and {@code in progress} read as {@code in_progress}. */
    public static StatusFilter parse(String text) {
      String normalized = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
      for (StatusFilter filter : values()) {
        if (filter.name().equals(normalized)) {
          return filter;
        }
      }
      throw new InvalidInputException("status must be one of all, pending, terminated, or a job status (open, "
          + "submitted, in_progress, completed, error, canceled, timedout) but was '" + text + "'");
    }
  }

  /** What the history can be sorted by. */
  public enum SortKey {
    SUBMITTED_AT("submittedAt"),
    CREATED_AT("createdAt"),
    UPDATED_AT("updatedAt"),
    NAME("name"),
    STATUS("status"),
    MODEL("model");

    private final String label;

    SortKey(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    Comparator<Job> comparator() {
      return switch (this) {
        case SUBMITTED_AT -> Comparator.comparing((Job job) -> job.submitted().orElse(job.createdAt()));
        case CREATED_AT -> Comparator.comparing(Job::createdAt);
        case UPDATED_AT -> Comparator.comparing(Job::updatedAt);
        case NAME -> Comparator.comparing(Job::name);
        case STATUS -> Comparator.comparing((Job job) -> job.status().name());
        case MODEL -> Comparator.comparing((Job job) -> job.model().identifier());
      };
    }

    /** Reads a sort key by its label, ignoring case and separators ({@code submittedAt}, {@code submitted_at}). */
    public static SortKey parse(String text) {
      String wanted = text.replace("_", "").replace("-", "").strip();
      for (SortKey key : values()) {
        if (key.label.equalsIgnoreCase(wanted)) {
          return key;
        }
      }
      throw new InvalidInputException("sort-by must be one of submittedAt, createdAt, updatedAt, name, status, "
          + "model but was '" + text + "'");
    }
  }
}
