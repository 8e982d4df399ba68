package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

/** {@code jdbc} inputs: each row of {@code query} is one item named by its 1-based row number. */
public record JdbcInput(String url, String username, Secret password, String driver, String query)
    implements JobInput {
  public JdbcInput {
    requireNonNull(url, "url");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    requireNonNull(driver, "driver");
    requireNonNull(query, "query");
    if (url.isBlank()) {
      throw new InvalidInputException("input.url must not be blank");
    }
    if (query.isBlank()) {
      throw new InvalidInputException("input.query must not be blank");
    }
  }

  @Override
  public String type() {
    return "jdbc";
  }

  /** Names the driver only: a JDBC URL may carry a password in its parameters, and the query may hold data. */
  @Override
  public String toString() {
    return "JdbcInput[driver=" + driver + ", url=****, username=****, password=****, query=****]";
  }
}
