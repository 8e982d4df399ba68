package dev.modelrun.adapters.jdbc;

/** A database failure of a JDBC store (the database unreachable, a statement refused); keeps the SQL cause. */
public final class StoreException extends RuntimeException {
  StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
