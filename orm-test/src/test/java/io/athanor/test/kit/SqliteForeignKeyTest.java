package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import java.nio.file.Path;
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
}
