package io.athanor.sql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.athanor.sql.ColumnOption;
import io.athanor.sql.Table;
import io.athanor.sql.dialect.MariaDbDialect;
import io.athanor.sql.dialect.PostgresDialect;
import io.athanor.sql.dialect.SqliteDialect;
import io.athanor.sql.schema.TableDifference.Kind;
import io.athanor.sql.spi.Dialect;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The text of migration scripts; the kit's SchemaSuite runs them on each database. */
class MigrationScriptTest {
    private static final Table THING = Table.builder("thing")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
            .column("flag", Boolean.class, ColumnOption.NOT_NULL)
            .column("title", String.class, ColumnOption.NOT_NULL, ColumnOption.UNIQUE)
            .column("ref", UUID.class, ColumnOption.NOT_NULL)
            .column("day", LocalDate.class)
            .build();

    private static List<TableDifference> missing(String... columns) {
        return List.of(columns).stream().map(c -> new TableDifference("thing", c, Kind.MISSING_COLUMN, "missing")).toList();
    }

    @Test
    void notNullColumnsGetTheirStatedDefaultAndUniqueOnesAnIndex() {
        assertEquals("""
                -- thing.flag is NOT NULL: existing rows get DEFAULT FALSE
                ALTER TABLE "thing" ADD COLUMN "flag" BOOLEAN NOT NULL DEFAULT FALSE;
                -- thing.title is NOT NULL: existing rows get DEFAULT ''
                ALTER TABLE "thing" ADD COLUMN "title" TEXT NOT NULL DEFAULT '';
                -- the unique index fails if more than one row has that default: give them distinct values first
                CREATE UNIQUE INDEX "thing_title_key" ON "thing" ("title");
                ALTER TABLE "thing" ADD COLUMN "day" DATE;
                """, MigrationScript.forTable(new PostgresDialect(), THING, missing("flag", "title", "day")));
        assertEquals("""
                -- thing.title is NOT NULL: existing rows get DEFAULT ''
                ALTER TABLE `thing` ADD COLUMN `title` VARCHAR(255) CHARACTER SET utf8mb4 NOT NULL DEFAULT '';
                -- the unique index fails if more than one row has that default: give them distinct values first
                CREATE UNIQUE INDEX `thing_title_key` ON `thing` (`title`);
                """, MigrationScript.forTable(new MariaDbDialect(), THING, missing("title")));
    }

    @Test
    void whatHasNoDefaultOrCannotBeAddedIsLeftToAComment() {
        Dialect d = new SqliteDialect();
        assertEquals("""
                -- by hand: thing.ref is NOT NULL and Java UUID has no default for existing rows: add it without NOT NULL, \
                fill it, then declare it NOT NULL
                -- by hand: thing.id is a primary key column; it cannot be added to existing rows: recreate the table and copy the rows
                """, MigrationScript.forTable(d, THING, missing("ref", "id")));
        assertEquals("-- by hand: thing.day: is TEXT\n", MigrationScript.forTable(d, THING,
                List.of(new TableDifference("thing", "day", Kind.TYPE, "is TEXT"),
                        new TableDifference("thing", "legacy", Kind.EXTRA_COLUMN, "not mapped"))));
    }

    @Test
    void aMissingTableIsCreatedAsCreateTablesWould() {
        assertEquals("CREATE TABLE IF NOT EXISTS \"thing\" (\"id\" INTEGER NOT NULL, \"flag\" INTEGER NOT NULL, "
                + "\"title\" TEXT NOT NULL UNIQUE, \"ref\" TEXT NOT NULL, \"day\" TEXT, PRIMARY KEY (\"id\"));\n",
                MigrationScript.forTable(new SqliteDialect(), THING,
                        List.of(new TableDifference("thing", null, Kind.MISSING_TABLE, "missing"))));
    }

    @Test
    void missingTablesAreCreatedAfterTheTablesTheyReferenceWhateverTheOrderGiven() {
        Table parent = Table.builder("parent").column("id", Long.class, ColumnOption.PRIMARY_KEY).build();
        Table child = Table.builder("child").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("parent_id", Long.class)
                .foreignKey("parent_id", parent, "id", io.athanor.sql.ForeignKey.OnDelete.CASCADE).build();
        java.util.Map<Table, List<TableDifference>> differences = new java.util.LinkedHashMap<>();
        differences.put(child, List.of(new TableDifference("child", null, Kind.MISSING_TABLE, "missing")));
        differences.put(parent, List.of(new TableDifference("parent", null, Kind.MISSING_TABLE, "missing")));
        String script = MigrationScript.forTables(new io.athanor.sql.dialect.PostgresDialect(), differences);
        int p = script.indexOf("CREATE TABLE IF NOT EXISTS \"parent\"");
        int c = script.indexOf("CREATE TABLE IF NOT EXISTS \"child\"");
        org.junit.jupiter.api.Assertions.assertTrue(p >= 0 && c > p, script);
        org.junit.jupiter.api.Assertions.assertTrue(script.contains("REFERENCES \"parent\" (\"id\") ON DELETE CASCADE"), script);
    }
}
