package dev.modelrun.adapters.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.adapters.jdbc.source.DatabaseKind.Dialect;
import dev.modelrun.core.model.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SingleStatementTest {
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void keeps_a_single_statement_as_it_is(Dialect dialect) {
    assertThat(SingleStatement.of("select a, b from t where c = 'x'", dialect))
        .isEqualTo("select a, b from t where c = 'x'");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void cuts_off_trailing_semicolons_blanks_and_comments(Dialect dialect) {
    assertThat(SingleStatement.of("select 1 ;\n", dialect)).isEqualTo("select 1");
    assertThat(SingleStatement.of("select 1;;  ", dialect)).isEqualTo("select 1");
    assertThat(SingleStatement.of("select 1; -- done\n/* really */", dialect)).isEqualTo("select 1");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void refuses_a_second_statement(Dialect dialect) {
    assertThatThrownBy(() -> SingleStatement.of("select 1; drop table t", dialect))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.query must be a single statement, but more follows the ';' at character 9");
    assertThatThrownBy(() -> SingleStatement.of("select 1;\n-- x\ndelete from t", dialect))
        .isInstanceOf(InvalidInputException.class);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void refuses_a_query_of_nothing(Dialect dialect) {
    assertThatThrownBy(() -> SingleStatement.of(" ; ", dialect))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.query holds no statement");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void allows_semicolons_inside_literals_quoted_names_and_comments(Dialect dialect) {
    String quotedName = dialect == Dialect.MYSQL ? "`a;b`" : "\"a;b\"";
    String query = "select 'x;y' as " + quotedName + ", 'it''s; fine' /* c; d */ -- e; f\n from t";

    assertThat(SingleStatement.of(query, dialect)).isEqualTo(query);
  }

  @Test
  void reads_postgresql_dollar_quotes_escape_strings_and_nested_comments() {
    assertThat(SingleStatement.of("select $$a;b$$, $tag$ c; $$ d $tag$, E'\\'; x' /* a /* b; */ c; */ from t",
        Dialect.POSTGRESQL)).endsWith("from t");
    assertThat(SingleStatement.of("select a$b, $1 from t", Dialect.POSTGRESQL)).isEqualTo("select a$b, $1 from t");
  }

  @Test
  void reads_mysql_hash_comments_and_runs_executable_comments_as_sql() {
    assertThat(SingleStatement.of("select 1 # a; b\n from t", Dialect.MYSQL)).isEqualTo("select 1 # a; b\n from t");
    assertThatThrownBy(() -> SingleStatement.of("select 1 /*!; drop table t */", Dialect.MYSQL))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleStatement.of("select 1 --; drop table t", Dialect.MYSQL))
        .isInstanceOf(InvalidInputException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // with backslash escapes the literal runs on; without them it ends at \' and a statement follows
      "select 'a\\'; drop table t; -- '",
      // the other way round: without escapes the literal ends at ''... with escapes \' keeps it open
      "select 'a\\''; drop table t; --'"})
  void refuses_what_is_a_second_statement_under_either_reading_of_backslashes(String query) {
    for (Dialect dialect : Dialect.values()) {
      assertThatThrownBy(() -> SingleStatement.of(query, dialect))
          .as("%s in %s", query, dialect)
          .isInstanceOf(InvalidInputException.class);
    }
  }
}
