package io.athanor.sql.internal;

import io.athanor.sql.ForeignKey;
import io.athanor.sql.SqlException;
import io.athanor.sql.Table;
import io.athanor.sql.spi.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The order in which {@code Database.createTables} creates tables: every table after the tables it
 * references (among those created together; a self-reference needs nothing), whatever order they
 * were given in. A reference that closes a cycle cannot be satisfied that way: a dialect that accepts
 * forward references (SQLite) keeps it in CREATE TABLE; on the others it is {@link #deferred()}, left
 * out of CREATE TABLE and added by ALTER TABLE once every table exists.
 *
 * @param order the tables, referenced ones first
 * @param deferred the foreign keys to add after the tables are created
 */
public record TableCreation(List<Table> order, Set<ForeignKey> deferred) {
    public TableCreation {
        order = List.copyOf(order);
        deferred = Set.copyOf(deferred);
    }

    /** The plan for creating {@code tables} on {@code dialect}; a table named twice is created once. */
    public static TableCreation plan(Dialect dialect, Table... tables) {
        Map<String, Table> byName = new LinkedHashMap<>();
        for (Table t : tables) {
            Table earlier = byName.putIfAbsent(t.name(), t);
            if (earlier != null && !earlier.equals(t)) {
                throw new IllegalArgumentException("createTables got two different tables named " + t.name());
            }
        }
        Sorter sorter = new Sorter(byName);
        byName.values().forEach(sorter::visit);
        return new TableCreation(sorter.order,
                dialect.createTableAcceptsForwardReferences() ? Set.of() : sorter.cycleClosing);
    }

    /**
     * Runs the plan on {@code connection} (in the caller's transaction), telling {@code announce}
     * each statement before it runs.
     */
    public void run(Dialect dialect, Connection connection, Consumer<String> announce) {
        for (Table t : order) {
            runDdl(connection, announce, "create table " + t.name(), Ddl.createTable(dialect, t, deferred));
            for (ForeignKey fk : t.foreignKeys()) {
                if (Ddl.needsIndex(dialect, fk)) {
                    runDdl(connection, announce, "index the foreign key " + fk, Ddl.createForeignKeyIndex(dialect, fk));
                }
            }
        }
        if (deferred.isEmpty()) {
            return;
        }
        List<ForeignKey> missing;
        try {
            missing = missingDeferred(connection);
        } catch (SQLException e) {
            throw new SqlException("cannot read the foreign keys of tables " + order + ": " + e.getMessage(), e);
        }
        for (ForeignKey fk : missing) {
            runDdl(connection, announce, "add foreign key " + fk, Ddl.addForeignKey(dialect, fk));
        }
    }

    private static void runDdl(Connection connection, Consumer<String> announce, String what, String ddl) {
        announce.accept(ddl);
        try (Statement s = connection.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            throw new SqlException("cannot " + what + ": " + e.getMessage(), ddl, e);
        }
    }

    /**
     * The deferred keys not yet in the database, in a stable order: a table that existed before may
     * already have them, and createTables is idempotent. Read from the JDBC catalog of the
     * connection's current catalog and schema.
     */
    List<ForeignKey> missingDeferred(Connection connection) throws SQLException {
        List<ForeignKey> missing = new ArrayList<>();
        DatabaseMetaData meta = connection.getMetaData();
        for (Table t : order) {
            for (ForeignKey fk : t.foreignKeys()) {
                if (deferred.contains(fk) && !exists(meta, connection, fk)) {
                    missing.add(fk);
                }
            }
        }
        return missing;
    }

    private static boolean exists(DatabaseMetaData meta, Connection connection, ForeignKey fk) throws SQLException {
        try (ResultSet rs = meta.getImportedKeys(connection.getCatalog(), connection.getSchema(), fk.table().name())) {
            while (rs.next()) {
                if (fk.column().name().equals(rs.getString("FKCOLUMN_NAME"))
                        && fk.target().name().equals(rs.getString("PKTABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Depth-first, in the given order; an edge to a table still being visited closes a cycle. */
    private static final class Sorter {
        private final Map<String, Table> byName;
        private final Map<String, Boolean> done = new HashMap<>(); // false while being visited
        private final List<Table> order = new ArrayList<>();
        private final Set<ForeignKey> cycleClosing = new LinkedHashSet<>();

        Sorter(Map<String, Table> byName) {
            this.byName = byName;
        }

        void visit(Table t) {
            if (done.containsKey(t.name())) {
                return;
            }
            done.put(t.name(), false);
            for (ForeignKey fk : t.foreignKeys()) {
                Table target = byName.get(fk.target().name());
                if (target == null || fk.isSelfReference()) {
                    continue; // created elsewhere, or needs only its own table
                }
                if (Boolean.FALSE.equals(done.get(target.name()))) {
                    cycleClosing.add(fk);
                } else {
                    visit(target);
                }
            }
            done.put(t.name(), true);
            order.add(t);
        }
    }
}
