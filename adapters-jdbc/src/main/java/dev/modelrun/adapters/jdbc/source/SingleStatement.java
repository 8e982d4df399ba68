package dev.modelrun.adapters.jdbc.source;

import dev.modelrun.adapters.jdbc.source.DatabaseKind.Dialect;
import dev.modelrun.core.model.InvalidInputException;

/**
 * Makes sure a query is one statement: a {@code ;} outside string literals, quoted identifiers and comments may only
 * end the query (it is then cut off). The text is read both with and without backslash escapes in string literals,
 * since a server setting ({@code standard_conforming_strings}, {@code NO_BACKSLASH_ESCAPES}) decides which applies;
 * a query is one statement only when it is one under both readings.
 */
final class SingleStatement {
  private static final int NONE = -1;

  private SingleStatement() {}

  /**
   * @return the query without its trailing {@code ;} and blanks
   * @throws InvalidInputException when it holds a second statement or nothing
   */
  static String of(String query, Dialect dialect) {
    int withEscapes = firstSeparator(query, dialect, true);
    int withoutEscapes = firstSeparator(query, dialect, false);
    int cut = withEscapes == NONE ? withoutEscapes
        : withoutEscapes == NONE ? withEscapes : Math.min(withEscapes, withoutEscapes);
    String statement = (cut == NONE ? query : query.substring(0, cut)).strip();
    if (statement.isEmpty()) {
      throw new InvalidInputException("input.query holds no statement");
    }
    return statement;
  }

  /**
   * The index of the first {@code ;} outside literals and comments, or {@link #NONE}.
   *
   * @throws InvalidInputException when anything but blanks, {@code ;} and comments follows it
   */
  private static int firstSeparator(String sql, Dialect dialect, boolean backslashEscapes) {
    int separator = NONE;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int next = skipComment(sql, i, dialect);
      if (next > i) {
        i = next;
        continue;
      }
      if (c == ';') {
        if (separator == NONE) {
          separator = i;
        }
        i++;
        continue;
      }
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (separator != NONE) {
        throw new InvalidInputException("input.query must be a single statement, but more follows the ';' at "
            + "character " + (separator + 1));
      }
      i = skipToken(sql, i, dialect, backslashEscapes);
    }
    return separator;
  }

  /** The index after a comment starting at {@code i}, or {@code i} when none starts there. */
  private static int skipComment(String sql, int i, Dialect dialect) {
    int n = sql.length();
    char c = sql.charAt(i);
    char d = i + 1 < n ? sql.charAt(i + 1) : 0;
    boolean lineComment = (c == '-' && d == '-'
        && (dialect == Dialect.POSTGRESQL || i + 2 >= n || Character.isWhitespace(sql.charAt(i + 2))
        || Character.isISOControl(sql.charAt(i + 2))))
        || (c == '#' && dialect == Dialect.MYSQL);
    if (lineComment) {
      int end = sql.indexOf('\n', i);
      return end < 0 ? n : end + 1;
    }
    if (c == '/' && d == '*') {
      // why: MySQL runs the text of /*! ... */ and /*M! ... */ as SQL, so it is read as SQL here too.
      if (dialect == Dialect.MYSQL && i + 2 < n && (sql.charAt(i + 2) == '!' || sql.startsWith("M!", i + 2))) {
        return i;
      }
      int depth = 1;
      int j = i + 2;
      while (j < n && depth > 0) {
        if (sql.startsWith("*/", j)) {
          depth--;
          j += 2;
        } else if (dialect == Dialect.POSTGRESQL && sql.startsWith("/*", j)) {
          depth++;
          j += 2;
        } else {
          j++;
        }
      }
      return j;
    }
    return i;
  }

  /** The index after the token (literal, quoted identifier or single character) starting at {@code i}. */
  private static int skipToken(String sql, int i, Dialect dialect, boolean backslashEscapes) {
    char c = sql.charAt(i);
    if (c == '\'') {
      boolean escapes = backslashEscapes || dialect == Dialect.POSTGRESQL && isEscapeStringPrefix(sql, i);
      return skipQuoted(sql, i, '\'', escapes);
    }
    if (c == '"') {
      return skipQuoted(sql, i, '"', dialect == Dialect.MYSQL && backslashEscapes);
    }
    if (c == '`' && dialect == Dialect.MYSQL) {
      return skipQuoted(sql, i, '`', false);
    }
    if (c == '$' && dialect == Dialect.POSTGRESQL) {
      return skipDollarQuoted(sql, i);
    }
    return i + 1;
  }

  // why: E'...' (and e'...') strings take backslash escapes whatever standard_conforming_strings says.
  private static boolean isEscapeStringPrefix(String sql, int quote) {
    if (quote == 0 || Character.toUpperCase(sql.charAt(quote - 1)) != 'E') {
      return false;
    }
    return quote < 2 || !isIdentifierPart(sql.charAt(quote - 2));
  }

  private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
    int n = sql.length();
    int j = start + 1;
    while (j < n) {
      char c = sql.charAt(j);
      if (backslashEscapes && c == '\\') {
        j += 2;
      } else if (c == quote) {
        if (j + 1 < n && sql.charAt(j + 1) == quote) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return n;
  }

  private static int skipDollarQuoted(String sql, int start) {
    if (start > 0 && isIdentifierPart(sql.charAt(start - 1))) {
      return start + 1;
    }
    int n = sql.length();
    int j = start + 1;
    if (j < n && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
      while (j < n && isIdentifierPart(sql.charAt(j)) && sql.charAt(j) != '$') {
        j++;
      }
    }
    if (j >= n || sql.charAt(j) != '$') {
      return start + 1;
    }
    String tag = sql.substring(start, j + 1);
    int end = sql.indexOf(tag, j + 1);
    return end < 0 ? n : end + tag.length();
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
