package io.athanor.sql;

import io.athanor.sql.spi.Dialect;
import io.athanor.sql.spi.KeyQueries;
import io.athanor.sql.spi.KeyRetrieval;
import io.athanor.sql.spi.ValueType;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Transaction#insertReturningKeys}: inserts rows and learns the key the database generated for
 * each, correlated to its row by a rule that holds (docs/internals.md, "Generated keys of many rows"):
 * <ul>
 * <li>{@link KeyRetrieval#SEQUENTIAL} (SQLite): one JDBC batch, no RETURNING. SQLite gives a row
 * inserted without a key one more than the greatest key given out so far (documented for rowid
 * tables, AUTOINCREMENT or not, until the greatest is 2^63-1), and a JDBC batch runs its inserts in
 * the order they were added, one after the other; in a writing transaction no other connection
 * inserts meanwhile. So with {@code g} the greatest key before the batch, row {@code i} gets
 * {@code g + 1 + i}. That the last row got {@code g + n} and no row has a greater key is checked
 * after the batch: a trigger inserting into the same table would break it, and is reported, never
 * guessed around. Where the rule cannot apply (the INSERT sets the key, the key is not a generated
 * integer primary key, or {@code g + n} would pass the type's largest value) each row runs with its
 * own RETURNING. The order of a multi-row {@code INSERT ... RETURNING} is not used: SQLite documents
 * it as arbitrary.</li>
 * <li>{@link KeyRetrieval#RESERVED} (PostgreSQL): the keys are drawn first from the key column's
 * sequence ({@code nextval}, one SELECT for all rows), then each row is inserted with its own key in
 * multi-row {@code INSERT ... OVERRIDING SYSTEM VALUE VALUES (...), (...)} statements of at most
 * {@value #MAX_ROWS_PER_STATEMENT} rows and the dialect's parameter limit, in power-of-two sizes
 * compiled once each. The correlation holds by construction: a row's key is one of its bound values.
 * The sequence has handed the keys out, so the database never generates them again. Fewer than
 * {@value #RESERVED_FROM} rows, or a column without a sequence: GENERATED_KEYS_BATCH.</li>
 * <li>{@link KeyRetrieval#GENERATED_KEYS_BATCH} (MariaDB): the driver runs each row as its own
 * statement and hands back one key per execution, in batch order.</li>
 * <li>{@link KeyRetrieval#RETURNING} and {@link KeyRetrieval#GENERATED_KEYS_PER_ROW}: one execution per row.</li>
 * </ul>
 */
final class GeneratedKeys {
    /** Below this many rows, one RETURNING per row costs no more than a batch and two small queries. */
    private static final int SEQUENTIAL_FROM = 3;
    /** Below this many rows, one batch with keys costs no more than reserving them and a multi-row INSERT. */
    private static final int RESERVED_FROM = 8;
    /** The most rows of one multi-row INSERT: beyond, PostgreSQL plans the long VALUES list slower than it saves. */
    private static final int MAX_ROWS_PER_STATEMENT = 512;

    private GeneratedKeys() {
    }

    static <K> List<K> insert(Database database, Connection connection, Insert insert, List<Object[]> rows, Column<K> key)
            throws SQLException {
        Dialect dialect = database.dialect();
        KeyRetrieval how = dialect.keyRetrieval();
        if (how == KeyRetrieval.SEQUENTIAL) {
            List<K> keys = sequential(database, connection, insert, rows, key);
            if (keys != null) {
                return keys;
            }
            how = dialect.supportsReturning(StatementKind.INSERT) ? KeyRetrieval.RETURNING : KeyRetrieval.GENERATED_KEYS_PER_ROW;
        } else if (how == KeyRetrieval.RESERVED) {
            List<K> keys = rows.size() < RESERVED_FROM || !derivable(insert, key) ? null
                    : reserved(database, connection, insert, rows, key);
            if (keys != null) {
                return keys;
            }
            how = KeyRetrieval.GENERATED_KEYS_BATCH;
        }
        return oneByOneOrBatch(database, connection, insert, rows, key, how);
    }

    /** The keys by {@link KeyRetrieval#SEQUENTIAL}, or null where its rule cannot apply (nothing was run then). */
    private static <K> List<K> sequential(Database database, Connection connection, Insert insert, List<Object[]> rows,
            Column<K> key) throws SQLException {
        if (rows.size() < SEQUENTIAL_FROM || !derivable(insert, key)) {
            return null;
        }
        Dialect dialect = database.dialect();
        KeyQueries queries = queries(database, connection);
        long greatest = dialect.greatestGeneratedKey(queries, insert.table(), key);
        long largest = key.type() == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (greatest < 0 || greatest > largest - rows.size()) {
            return null; // SQLite would pick keys at random near the top (or the key type cannot hold them)
        }
        CompiledSql compiled = database.compile(insert);
        database.announce(compiled, rows.size(), rows.get(0));
        try (PreparedStatement ps = connection.prepareStatement(compiled.sql())) {
            for (Object[] row : rows) {
                compiled.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        long last = greatest + rows.size();
        if (!dialect.lastInsertedKeyIs(queries, insert.table(), key, last)) {
            throw new SQLException("the " + rows.size() + " rows inserted into " + insert.table().name()
                    + " did not get the consecutive keys " + (greatest + 1) + ".." + last + " of " + key
                    + " that SQLite's rowid rule gives (a trigger inserting into the same table?): their keys cannot be"
                    + " told apart, so the insert is refused", "55000");
        }
        List<K> keys = new ArrayList<>(rows.size());
        for (long k = greatest + 1; k <= last; k++) {
            keys.add(key.type().cast(key.type() == Integer.class ? (Object) (int) k : (Object) k));
        }
        return keys;
    }

    /**
     * The keys by {@link KeyRetrieval#RESERVED}: drawn from the key's sequence, then bound with each
     * row into multi-row INSERTs; null (nothing inserted) when the column has no sequence.
     */
    private static <K> List<K> reserved(Database database, Connection connection, Insert insert, List<Object[]> rows,
            Column<K> key) throws SQLException {
        Dialect dialect = database.dialect();
        long[] reserved = dialect.reserveKeys(queries(database, connection), insert.table(), key, rows.size());
        if (reserved == null) {
            return null;
        }
        int width = rows.get(0).length + 1; // the key after the row's own values
        Insert keyed = insert.set(key, Sql.param(width - 1, key.type()));
        int perRow = database.compile(keyed).parameterCount();
        int most = Integer.highestOneBit(Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, dialect.maxParameters() / perRow)));
        List<K> keys = new ArrayList<>(rows.size());
        for (long k : reserved) {
            if (key.type() == Integer.class && (k < Integer.MIN_VALUE || k > Integer.MAX_VALUE)) {
                throw new SQLException("the sequence of " + key + " gave the key " + k + ", which its Integer type cannot hold;"
                        + " nothing was inserted", "22003");
            }
            keys.add(key.type().cast(key.type() == Integer.class ? (Object) (int) k : (Object) k));
        }
        for (int from = 0; from < rows.size(); ) {
            // power-of-two statement sizes: at most log2(most) + 1 shapes per INSERT, each compiled once
            int size = Integer.highestOneBit(Math.min(most, rows.size() - from));
            CompiledSql sql = database.multiRowInsert(insert, keyed, size, width);
            Object[] flat = new Object[size * width];
            for (int r = 0; r < size; r++) {
                Object[] row = rows.get(from + r);
                System.arraycopy(row, 0, flat, r * width, row.length);
                flat[r * width + width - 1] = keys.get(from + r);
            }
            database.announce(sql, size, flat);
            try (PreparedStatement ps = connection.prepareStatement(sql.sql())) {
                sql.bind(ps, flat);
                int inserted = ps.executeUpdate();
                if (inserted != size) {
                    throw new SQLException("a multi-row INSERT of " + size + " rows into " + insert.table().name()
                            + " inserted " + inserted, "55000");
                }
            }
            from += size;
        }
        return keys;
    }

    /** The dialect's key queries, run on {@code connection} and announced like every statement. */
    private static KeyQueries queries(Database database, Connection connection) {
        return (sql, params) -> {
            database.announce(sql, StatementKind.SELECT, 1, java.util.Arrays.asList(params));
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                List<Object[]> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] row = new Object[columns];
                        for (int c = 0; c < columns; c++) {
                            row[c] = rs.getObject(c + 1);
                        }
                        out.add(row);
                    }
                }
                return out;
            }
        };
    }

    /** The INSERT leaves {@code key} to the database, and the key is the table's one generated integer key. */
    private static boolean derivable(Insert insert, Column<?> key) {
        return key.isGenerated() && key.isPrimaryKey() && insert.table().primaryKey().size() == 1
                && (key.type() == Long.class || key.type() == Integer.class)
                && !insert.values().containsKey(key) && insert.conflictColumns().isEmpty() && insert.returning().isEmpty();
    }

    private static <K> List<K> oneByOneOrBatch(Database database, Connection connection, Insert insert, List<Object[]> rows,
            Column<K> key, KeyRetrieval how) throws SQLException {
        List<K> keys = new ArrayList<>(rows.size());
        CompiledSql compiled = database.compile(how == KeyRetrieval.RETURNING ? insert.returning(key) : insert);
        ValueType<?> type = database.dialect().valueType(key);
        database.announce(compiled, rows.size(), rows.get(0));
        try (PreparedStatement ps = how == KeyRetrieval.RETURNING ? connection.prepareStatement(compiled.sql())
                : connection.prepareStatement(compiled.sql(), new String[] {key.name()})) {
            for (Object[] row : rows) {
                compiled.bind(ps, row);
                switch (how) {
                    case RETURNING -> {
                        try (ResultSet rs = ps.executeQuery()) {
                            keys.add(readKey(rs, type, key));
                        }
                    }
                    case GENERATED_KEYS_PER_ROW -> {
                        ps.executeUpdate();
                        try (ResultSet rs = ps.getGeneratedKeys()) {
                            keys.add(readKey(rs, type, key));
                        }
                    }
                    default -> ps.addBatch();
                }
            }
            if (how == KeyRetrieval.GENERATED_KEYS_BATCH) {
                ps.executeBatch();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    for (int i = 0; i < rows.size(); i++) {
                        keys.add(readKey(rs, type, key));
                    }
                }
            }
            return keys;
        } catch (SQLException e) {
            throw how == KeyRetrieval.GENERATED_KEYS_BATCH || rows.size() == 1 ? e : stoppedAt(keys.size(), e);
        }
    }

    /**
     * A row-by-row insert of several rows failed at row {@code done}: said as JDBC says it of a batch
     * (the update counts stop at the failed row), so that callers can name the row's object.
     */
    private static SQLException stoppedAt(int done, SQLException e) {
        if (e instanceof BatchUpdateException) {
            return e;
        }
        int[] counts = new int[done];
        java.util.Arrays.fill(counts, 1);
        return new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), counts, e);
    }

    private static <K> K readKey(ResultSet rs, ValueType<?> type, Column<K> key) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("the database returned no generated value for " + key);
        }
        return key.type().cast(type.read(rs, 1));
    }
}
