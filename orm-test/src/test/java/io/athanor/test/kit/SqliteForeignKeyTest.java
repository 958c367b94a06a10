package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The kit's {@link ForeignKeySuite} on SQLite files, plus a given DataSource: SQLite leaves foreign
 * keys off on each new connection, and Athanor turns them on for connections it did not configure.
 */
class SqliteForeignKeyTest extends ForeignKeySuite {
    @TempDir
    static Path dir;

    @Override
    protected KitTarget target() {
        return KitTargets.sqlite(dir);
    }

    @Test
    void aGivenDataSourceEnforcesForeignKeysInReadingAndWritingTransactions() {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("given.db"));
        try (Database given = Database.builder().dataSource(ds).build()) {
            given.createTables(NO_ACTION, PARENT);
            given.execute(Sql.insertInto(PARENT).set(col(PARENT, "id"), 1L));
            given.execute(Sql.insertInto(NO_ACTION).set(col(NO_ACTION, "id"), 1L).set(col(NO_ACTION, "parent_id"), 1L));
            // execute begins as a writer (BEGIN IMMEDIATE); inTransaction as a reader that writes later
            assertForeignKeyViolation(() -> given.execute(Sql.insertInto(NO_ACTION).set(col(NO_ACTION, "id"), 2L)
                    .set(col(NO_ACTION, "parent_id"), 99L)));
            assertForeignKeyViolation(() -> given.inTransaction(tx -> tx.execute(Sql.deleteFrom(PARENT))));
            assertEquals(1L, given.query(Sql.select(Sql.count()).from(PARENT), r -> r.<Long>get(0)).get(0));
        }
    }

    /** sqlite-jdbc is inside a transaction whenever auto-commit is off, where the pragma would do nothing. */
    @Test
    void aGivenDataSourceHandingOutConnectionsOutsideAutoCommitEnforcesThemToo() {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("manual.db"));
        DataSource manual = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(ds, args);
                    if (result instanceof Connection c) {
                        c.setAutoCommit(false);
                    }
                    return result;
                });
        try (Database given = Database.builder().dataSource(manual).build()) {
            given.createTables(NO_ACTION, PARENT);
            assertForeignKeyViolation(() -> given.execute(Sql.insertInto(NO_ACTION).set(col(NO_ACTION, "id"), 2L)
                    .set(col(NO_ACTION, "parent_id"), 99L)));
            assertForeignKeyViolation(() -> given.inTransaction(tx -> tx.execute(Sql.insertInto(NO_ACTION)
                    .set(col(NO_ACTION, "id"), 3L).set(col(NO_ACTION, "parent_id"), 98L))));
            assertEquals(0L, given.query(Sql.select(Sql.count()).from(NO_ACTION), r -> r.<Long>get(0)).get(0));
        }
    }
}
