package dev.modelrun.adapters.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JdbcInput;
import dev.modelrun.core.model.Secret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jdbc input source against the MariaDB of this machine (127.0.0.1:3306, database {@code test}, root without a
 * password); logins with a password use a user created for the test and dropped after it.
 */
class MariaDbJdbcInputSourceIT extends JdbcInputSourceContract {
  private final List<String> users = new ArrayList<>();

  @Override
  TestDatabase database() {
    return TestDatabase.MARIADB;
  }

  @AfterEach
  void dropUsers() {
    for (String user : users) {
      database().execute("drop user if exists '" + user + "'@'127.0.0.1'");
    }
  }

  @Override
  String quote(String label) {
    return "`" + label + "`";
  }

  @Override
  String binaryType() {
    return "blob";
  }

  @Override
  String hex(String hexDigits) {
    return "x'" + hexDigits + "'";
  }

  @Override
  String sleepQuery(int seconds) {
    return "select sleep(" + seconds + ") as `input.txt`";
  }

  @Override
  void insertGenerated(String table, int count) {
    database().execute("insert into " + table + " (id, body, other) select seq, concat('text-', seq), 'o' "
        + "from seq_1_to_" + count);
  }

  @Override
  JdbcInput wrongCredentials(String query) {
    String user = userWithPassword("right-password");
    return new JdbcInput(database().url, user, Secret.of("wrong-password"), database().driver, query);
  }

  @Override
  JdbcInput withPassword(String password, String query) {
    return new JdbcInput(database().url, userWithPassword(password), Secret.of(password), database().driver, query);
  }

  private String userWithPassword(String password) {
    String user = TestDatabase.uniqueName("mr_user");
    database().execute("create user '" + user + "'@'127.0.0.1' identified by '" + password + "'",
        "grant select on test.* to '" + user + "'@'127.0.0.1'");
    users.add(user);
    return user;
  }

  @Test
  void reads_mysql_urls_with_the_mariadb_driver() throws IOException {
    database().execute("insert into " + table + " values (1, 'via mysql', 'x')");
    JdbcInput mysql = new JdbcInput(database().url.replace("jdbc:mariadb:", "jdbc:mysql:"), database().user,
        Secret.of(""), "com.mysql.cj.jdbc.Driver", bodies());

    List<InputItem> items = source.resolve(mysql, ECHO);

    assertThat(texts(items, "input.txt")).containsExactly("via mysql");
  }

  // why: the connector refuses before the read-only transaction would, so this fails if allowLocalInfile is dropped.
  @Test
  void never_sends_a_file_of_this_server_to_the_database() {
    String file = getClass().getResource("/dev/modelrun/adapters/jdbc/source/local-file.txt").getPath();

    assertThatThrownBy(() -> source.resolve(input("load data local infile '" + file + "' into table " + table
        + " (body)"), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.query failed")
        .hasMessageContaining("Local infile is disabled by connector");
    assertThat(database().count(table)).isZero();
  }
}
