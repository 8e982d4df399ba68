package dev.modelrun.adapters.jdbc.source;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JdbcInput;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.port.out.InputSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code jdbc} input source: runs a client's query on the client's PostgreSQL, MariaDB or MySQL database when the
 * job is submitted, and makes each row an item named by its 1-based row number, whose model inputs take the values
 * of the columns of the same label (extra columns are ignored).
 *
 * <p>Rows are read at submit, so the record count and billing are fixed when the job is created and the job never
 * depends on the client's database again. They are streamed ({@link JdbcSourcePolicy#fetchSize()} rows per round
 * trip, a cursor on PostgreSQL), and only the columns that feed model inputs are kept.
 *
 * <p>What a client gives is checked before anything connects: the URL against the policy's prefixes and its
 * database's allowed options ({@link JdbcUrl}), the driver name against the known driver of the URL's scheme (the
 * driver is instantiated here, never loaded by name), the query for a second statement ({@link SingleStatement}).
 * The connection is read-only, bounded by the policy's login and query timeouts, and closed after the read. The
 * password is used only to connect: it is never stored, logged or put in a message.
 *
 * <p>Every failure is an {@link InvalidInputException} (a 400 at submit) naming what is wrong: a refused URL,
 * driver or query, an unreachable database, a refused login, a failed or timed-out query, a model input with no
 * column, a NULL or oversized value (naming its row and column), more rows than the policy's maximum.
 */
public final class JdbcInputSource implements InputSource<JdbcInput> {
  private static final int ROWS_PER_DEADLINE_CHECK = 1024;

  private final JdbcSourcePolicy policy;

  public JdbcInputSource(JdbcSourcePolicy policy) {
    this.policy = requireNonNull(policy, "policy");
  }

  public JdbcSourcePolicy policy() {
    return policy;
  }

  @Override
  public Class<JdbcInput> inputType() {
    return JdbcInput.class;
  }

  /**
   * @return one item per row, named {@code 1}, {@code 2}, ... in the query's order
   * @throws InvalidInputException naming what is wrong (see the class comment)
   */
  @Override
  public List<InputItem> resolve(JdbcInput input, ModelDescriptor model) {
    requireNonNull(input, "input");
    requireNonNull(model, "model");
    if (model.inputs().isEmpty()) {
      throw new InvalidInputException("model " + model.ref() + " has no item inputs for the rows of a jdbc input");
    }
    JdbcUrl url = JdbcUrl.parse(input.url(), policy);
    DatabaseKind kind = url.kind();
    // why: a blank user would be a driver's default (the server's OS user) or an anonymous account.
    if (input.username().isBlank()) {
      throw new InvalidInputException("input.username must not be blank");
    }
    if (!input.driver().isBlank() && !kind.acceptsDriver(input.driver())) {
      throw new InvalidInputException("input.driver '" + input.driver().strip() + "' does not match input.url, "
          + "which needs the driver " + kind.preferredDriver());
    }
    String query = SingleStatement.of(input.query(), kind.dialect);
    DatabaseErrors errors = new DatabaseErrors(input.password(), policy.queryTimeout().toSeconds());
    Properties props = new Properties();
    props.setProperty("user", input.username());
    props.setProperty("password", input.password().value());
    kind.harden(props, policy);
    Connection connection;
    try {
      connection = kind.newDriver().connect(url.driverUrl(), props);
    } catch (SQLException e) {
      throw errors.connecting(e);
    }
    if (connection == null) {
      throw new InvalidInputException("input.url is not a URL the " + kind.preferredDriver() + " driver reads");
    }
    boolean done = false;
    try {
      List<InputItem> items = read(connection, query, model, errors);
      done = true;
      return items;
    } finally {
      close(connection, done);
    }
  }

  private List<InputItem> read(Connection connection, String query, ModelDescriptor model, DatabaseErrors errors) {
    long deadline = System.nanoTime() + policy.queryTimeout().toNanos();
    long row = 0;
    try {
      // why: PostgreSQL streams with a cursor only inside a transaction; read-only refuses writes on both servers.
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
          ResultSet.CONCUR_READ_ONLY)) {
        statement.setFetchSize(policy.fetchSize());
        statement.setQueryTimeout((int) policy.queryTimeout().toSeconds());
        if (policy.maxRows() < Integer.MAX_VALUE) {
          statement.setMaxRows(policy.maxRows() + 1);
        }
        try (ResultSet rows = statement.executeQuery(query)) {
          List<ColumnBinding> bindings = bind(rows.getMetaData(), model);
          List<InputItem> items = new ArrayList<>();
          while (rows.next()) {
            row++;
            if (row > policy.maxRows()) {
              throw new InvalidInputException("input.query gives more than the maximum of " + policy.maxRows()
                  + " rows (" + JdbcSourcePolicy.MAX_ROWS_ENV + "): narrow it with WHERE or LIMIT");
            }
            if (row % ROWS_PER_DEADLINE_CHECK == 0 && System.nanoTime() - deadline > 0) {
              throw new InvalidInputException("input.query timed out while reading row " + row + " (the limit is "
                  + policy.queryTimeout().toSeconds() + " s for the query and its rows)");
            }
            Map<String, InputData> values = LinkedHashMap.newLinkedHashMap(bindings.size());
            for (ColumnBinding binding : bindings) {
              values.put(binding.input().name(), binding.read(rows, row));
            }
            items.add(new InputItem(Long.toString(row), values));
          }
          if (items.isEmpty()) {
            throw new InvalidInputException("input.query gives no rows: a job needs at least one item");
          }
          return items;
        }
      }
    } catch (SQLException e) {
      throw errors.querying(e, row);
    }
  }

  /** The column of each model input: the one labelled with its name, else the only one so labelled in any case. */
  private static List<ColumnBinding> bind(ResultSetMetaData meta, ModelDescriptor model) throws SQLException {
    List<String> labels = new ArrayList<>();
    for (int column = 1; column <= meta.getColumnCount(); column++) {
      labels.add(meta.getColumnLabel(column));
    }
    List<ColumnBinding> bindings = new ArrayList<>();
    for (ModelInput input : model.inputs()) {
      int column = columnOf(input.name(), labels, model);
      bindings.add(ColumnBinding.of(input, column, meta));
    }
    return bindings;
  }

  private static int columnOf(String name, List<String> labels, ModelDescriptor model) {
    List<Integer> exact = new ArrayList<>();
    List<Integer> anyCase = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).equals(name)) {
        exact.add(i + 1);
      }
      if (labels.get(i).equalsIgnoreCase(name)) {
        anyCase.add(i + 1);
      }
    }
    List<Integer> found = exact.isEmpty() ? anyCase : exact;
    if (found.size() == 1) {
      return found.getFirst();
    }
    if (found.isEmpty()) {
      throw new InvalidInputException("input.query gives no column for model input '" + name + "' of model "
          + model.ref() + " (its columns are " + labels + "; name one after the input, e.g. SELECT text AS \""
          + name + "\")");
    }
    throw new InvalidInputException("input.query gives " + found.size() + " columns labelled '" + name
        + "' (columns " + found + "): label one of them only");
  }

  // why: after a failure the connection is aborted, not closed: closing a half-read stream would read it to the end.
  private static void close(Connection connection, boolean done) {
    try {
      if (done) {
        connection.rollback();
        connection.close();
      } else {
        connection.abort(Runnable::run);
      }
    } catch (SQLException e) {
      // why: the items are read (or the request already failed); a failing close changes nothing for the client.
    }
  }
}
