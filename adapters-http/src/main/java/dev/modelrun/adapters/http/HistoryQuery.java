package dev.modelrun.adapters.http;

import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobQuery.SortKey;
import dev.modelrun.core.model.JobQuery.StatusFilter;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Locale;

/** Reads the query of {@code GET /api/jobs/history} into a {@link JobQuery}; values are case-insensitive. */
final class HistoryQuery {
  private HistoryQuery() {}

  static JobQuery parse(Context ctx) {
    String status = value(ctx, "status");
    String model = value(ctx, "model");
    String user = value(ctx, "user");
    String accessKey = value(ctx, "accessKey");
    String start = value(ctx, "startDate");
    String end = value(ctx, "endDate");
    Instant from = start.isEmpty() ? null : Times.parseQuery("startDate", start, false);
    Instant to = end.isEmpty() ? null : Times.parseQuery("endDate", end, true);
    int page = wholeNumber(ctx, "page", 1);
    int perPage = wholeNumber(ctx, "per-page", JobQuery.DEFAULT_PER_PAGE);
    String sortBy = value(ctx, "sort-by");
    // why: the Go SDK joins several sort keys with commas; the first one orders the list.
    SortKey sortKey = sortBy.isEmpty() ? SortKey.SUBMITTED_AT : SortKey.parse(sortBy.split(",")[0].strip());
    String direction = value(ctx, "direction").toUpperCase(Locale.ROOT);
    boolean ascending = switch (direction) {
      case "", "DESC" -> false;
      case "ASC" -> true;
      default -> throw new InvalidInputException("direction must be ASC or DESC but was '"
          + Text.clip(value(ctx, "direction")) + "'");
    };
    return new JobQuery(status.isEmpty() ? StatusFilter.ALL : StatusFilter.parse(status), model, user, accessKey,
        from, to, page, perPage, sortKey, ascending);
  }

  private static String value(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return Text.absent(value) ? "" : value.strip();
  }

  static int wholeNumber(Context ctx, String name, int fallback) {
    String value = value(ctx, name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(name + " must be a whole number but was '" + Text.clip(value) + "'");
    }
  }
}
