package io.athanor.sql;

import io.athanor.sql.spi.Dialect;
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
 * <li>{@link KeyRetrieval#GENERATED_KEYS_BATCH} (PostgreSQL, MariaDB): the driver runs each row as its
 * own statement and hands back one key per execution, in batch order.</li>
 * <li>{@link KeyRetrieval#RETURNING} and {@link KeyRetrieval#GENERATED_KEYS_PER_ROW}: one execution per row.</li>
 * </ul>
 */
final class GeneratedKeys {
    /** Below this many rows, one RETURNING per row costs no more than a batch and two small queries. */
    private static final int SEQUENTIAL_FROM = 3;

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
        long greatest = dialect.greatestGeneratedKey(connection, insert.table(), key);
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
        if (!dialect.lastInsertedKeyIs(connection, insert.table(), key, last)) {
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
