package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.Column;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.ConstraintViolationException;
import io.athanor.sql.Database;
import io.athanor.sql.ForeignKey.OnDelete;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.sql.Statement;
import io.athanor.sql.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Foreign keys on one dialect: the DDL that {@code Database.createTables} emits is accepted and
 * enforced (a missing parent is a {@link ConstraintViolationException} of kind FOREIGN_KEY), ON
 * DELETE CASCADE (recursively in a tree), SET NULL and NO ACTION behave as declared, tables are
 * created in dependency order whatever the argument order, a two-table cycle works, and createTables
 * stays idempotent. Subclass it and return your database from {@link #target()}.
 */
public abstract class ForeignKeySuite extends KitSuite {
    protected static final Table PARENT = Table.builder("kit_fk_parent")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY).column("name", String.class).build();
    protected static final Table CASCADE = child("kit_fk_cascade", OnDelete.CASCADE, ColumnOption.NOT_NULL);
    protected static final Table SET_NULL = child("kit_fk_set_null", OnDelete.SET_NULL);
    protected static final Table NO_ACTION = child("kit_fk_no_action", OnDelete.NO_ACTION);
    /** A tree: each node's parent is a node, deleted with it. */
    protected static final Table NODE = Table.builder("kit_fk_node")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY).column("parent_id", Long.class)
            .foreignKeyToSelf("parent_id", "id", OnDelete.CASCADE).build();
    /** Keyed by text, referenced by {@link #TAGGED}: a string foreign key. */
    protected static final Table TAG = Table.builder("kit_fk_tag")
            .column("code", String.class, ColumnOption.PRIMARY_KEY).build();
    protected static final Table TAGGED = Table.builder("kit_fk_tagged")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY).column("tag", String.class)
            .foreignKey("tag", TAG, "code", OnDelete.NO_ACTION).build();
    /** A and B reference each other: a cycle. */
    protected static final Table A;
    protected static final Table B;

    static {
        Table.Builder a = Table.builder("kit_fk_a").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("b_id", Long.class);
        Table.Builder b = Table.builder("kit_fk_b").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("a_id", Long.class);
        a.foreignKey("b_id", b, "id", OnDelete.SET_NULL);
        b.foreignKey("a_id", a, "id", OnDelete.NO_ACTION);
        List<Table> ab = Table.buildAll(a, b);
        A = ab.get(0);
        B = ab.get(1);
    }

    private static Table child(String name, OnDelete onDelete, ColumnOption... parentOptions) {
        return Table.builder(name).column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("parent_id", Long.class, parentOptions)
                .foreignKey("parent_id", PARENT, "id", onDelete).build();
    }

    @Override
    protected void prepare() {
        // children before their parent, the cycle and the tree: createTables sorts them
        db.createTables(CASCADE, SET_NULL, NO_ACTION, NODE, TAGGED, B, A, PARENT, TAG);
    }

    @Test
    void aRowReferencingAMissingParentIsRefusedAsAForeignKeyViolation() {
        insert(PARENT, 1L);
        insert(CASCADE, 10L, 1L);
        for (Table child : List.of(CASCADE, SET_NULL, NO_ACTION, NODE)) {
            assertForeignKeyViolation(() -> insert(child, 11L, 99L));
            assertEquals(child == CASCADE ? 1 : 0, count(child), child.name());
        }
        assertForeignKeyViolation(() -> db.execute(Sql.update(CASCADE).set(col(CASCADE, "parent_id"), 98L)));
    }

    @Test
    void aStringKeyIsEnforcedToo() {
        db.execute(Sql.insertInto(TAG).set(TAG.column("code", String.class), "red"));
        db.execute(Sql.insertInto(TAGGED).set(col(TAGGED, "id"), 1L).set(TAGGED.column("tag", String.class), "red"));
        assertForeignKeyViolation(() -> db.execute(Sql.insertInto(TAGGED).set(col(TAGGED, "id"), 2L)
                .set(TAGGED.column("tag", String.class), "blue")));
    }

    @Test
    void deletingAParentDeletesItsCascadeChildrenNullsItsSetNullChildren() {
        insert(PARENT, 1L);
        insert(PARENT, 2L);
        insert(CASCADE, 10L, 1L);
        insert(CASCADE, 11L, 1L);
        insert(CASCADE, 12L, 2L);
        insert(SET_NULL, 20L, 1L);
        insert(SET_NULL, 21L, 2L);
        db.execute(Sql.deleteFrom(PARENT).where(col(PARENT, "id").eq(1L)));
        assertEquals(List.of(12L), ids(CASCADE));
        assertEquals(List.of(20L, 21L), ids(SET_NULL));
        Column<Long> parentId = col(SET_NULL, "parent_id");
        assertEquals(List.of(2L), db.query(Sql.select(parentId).from(SET_NULL).where(parentId.isNotNull()),
                r -> r.get(parentId)));
        assertEquals(1, db.query(Sql.select(col(SET_NULL, "id")).from(SET_NULL).where(parentId.isNull()),
                r -> r.get(0)).size());
    }

    @Test
    void deletingAReferencedParentWithNoActionIsRefusedAndChangesNothing() {
        insert(PARENT, 1L);
        insert(NO_ACTION, 30L, 1L);
        assertForeignKeyViolation(() -> db.execute(Sql.deleteFrom(PARENT).where(col(PARENT, "id").eq(1L))));
        assertEquals(List.of(1L), ids(PARENT));
        db.execute(Sql.deleteFrom(NO_ACTION));
        db.execute(Sql.deleteFrom(PARENT));
        assertEquals(0, count(PARENT));
    }

    @Test
    void deletingTheRootOfATreeDeletesItsWholeSubtree() {
        db.inTransaction(tx -> {
            for (long id = 1; id <= 5; id++) {
                tx.execute(Sql.insertInto(NODE).set(col(NODE, "id"), id).set(col(NODE, "parent_id"), id == 1 ? null : id - 1));
            }
            tx.execute(Sql.insertInto(NODE).set(col(NODE, "id"), 9L).set(col(NODE, "parent_id"), (Long) null));
            tx.execute(Sql.insertInto(NODE).set(col(NODE, "id"), 10L).set(col(NODE, "parent_id"), 9L));
            return null;
        });
        db.execute(Sql.deleteFrom(NODE).where(col(NODE, "id").eq(2L)));
        assertEquals(List.of(1L, 9L, 10L), ids(NODE));
    }

    @Test
    void referencedTablesAreCreatedFirstWhateverTheArgumentOrder() {
        List<String> creates = new ArrayList<>();
        try (Database other = kitTarget().open(b -> b.listener((sql, kind, rows, values) -> creates.add(sql)))) {
            other.createTables(TAGGED, NODE, NO_ACTION, CASCADE, TAG, PARENT);
        }
        List<String> order = creates.stream().filter(sql -> !sql.startsWith("CREATE INDEX")).map(this::createdTable).toList();
        assertEquals(List.of("kit_fk_tag", "kit_fk_tagged", "kit_fk_node", "kit_fk_parent", "kit_fk_no_action",
                "kit_fk_cascade"), order);
    }

    /**
     * A child's foreign-key column is indexed (by Athanor, or by the database itself on MariaDB), so
     * that loading a parent's children does not scan the child table: the query plan uses an index.
     */
    @Test
    void foreignKeyColumnsAreIndexed() {
        List<String> creates = new ArrayList<>();
        try (Database other = kitTarget().open(b -> b.listener((sql, kind, rows, values) -> creates.add(sql)))) {
            other.createTables(TAGGED, NODE, NO_ACTION, CASCADE, TAG, PARENT);
        }
        long indexes = creates.stream().filter(sql -> sql.startsWith("CREATE INDEX")).count();
        assertEquals(dialect().indexesForeignKeys() ? 0 : 4, indexes, String.join("\n", creates));
        try (java.sql.Connection c = db.dataSource().getConnection()) {
            assertTrue(indexed(c, "kit_fk_no_action", "parent_id"), "an index on kit_fk_no_action.parent_id");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** True when the catalog lists an index of {@code table} on {@code column}. */
    private static boolean indexed(java.sql.Connection c, String table, String column) throws java.sql.SQLException {
        for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
            try (java.sql.ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), name, false, false)) {
                while (rs.next()) {
                    if (column.equalsIgnoreCase(rs.getString("COLUMN_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void twoTablesReferencingEachOtherAreCreatedAndBothKeysEnforced() {
        insert(A, 1L, null);
        insert(B, 1L, 1L);
        db.execute(Sql.update(A).set(col(A, "b_id"), 1L));
        assertForeignKeyViolation(() -> insert(A, 2L, 99L));
        assertForeignKeyViolation(() -> insert(B, 2L, 99L));
        assertForeignKeyViolation(() -> db.execute(Sql.deleteFrom(A)));
        db.execute(Sql.deleteFrom(B)); // A's key is SET NULL
        assertEquals(1, db.query(Sql.select(col(A, "id")).from(A).where(col(A, "b_id").isNull()), r -> r.get(0)).size());
    }

    @Test
    void createTablesAgainChangesNothingAndAddsNoSecondKey() throws SQLException {
        insert(PARENT, 1L);
        insert(CASCADE, 10L, 1L);
        db.createTables(A, B, PARENT, CASCADE, SET_NULL, NO_ACTION, NODE, TAG, TAGGED);
        db.createTables(B, A);
        assertTrue(log.all().stream().noneMatch(e -> e.sql().startsWith("ALTER")), log.all().toString());
        assertEquals(List.of(10L), ids(CASCADE));
        try (Connection c = db.dataSource().getConnection()) {
            for (Table t : List.of(A, B, CASCADE, NODE)) {
                assertEquals(1, importedKeys(c, t), t.name());
            }
        }
    }

    /** Fails unless {@code work} raises a foreign key violation. */
    protected static void assertForeignKeyViolation(Runnable work) {
        SqlException e = assertThrows(SqlException.class, work::run);
        assertTrue(e instanceof ConstraintViolationException, e.toString());
        assertEquals(ConstraintViolationException.Kind.FOREIGN_KEY, ((ConstraintViolationException) e).kind(),
                e.getMessage());
    }

    /** Inserts a row of {@code (id)}, or of {@code (id, key)} into a table whose second column is its foreign key. */
    protected void insert(Table table, Long... values) {
        Statement insert = table.columns().size() == 2 && values.length == 2
                ? Sql.insertInto(table).set(col(table, table.columns().get(0).name()), values[0])
                        .set(col(table, table.columns().get(1).name()), values[1])
                : Sql.insertInto(table).set(col(table, "id"), values[0]);
        db.execute(insert);
    }

    protected List<Long> ids(Table table) {
        Column<Long> id = col(table, "id");
        return db.query(Sql.select(id).from(table).orderBy(id.asc()), r -> r.get(id));
    }

    protected long count(Table table) {
        return db.query(Sql.select(Sql.count()).from(table), r -> r.<Long>get(0)).get(0);
    }

    protected static Column<Long> col(Table table, String name) {
        return table.column(name, Long.class);
    }

    /** The table a CREATE TABLE statement creates, or the statement itself. */
    private String createdTable(String sql) {
        for (String name : List.of("kit_fk_tagged", "kit_fk_tag", "kit_fk_node", "kit_fk_parent", "kit_fk_no_action",
                "kit_fk_cascade")) {
            if (sql.startsWith("CREATE TABLE IF NOT EXISTS " + dialect().quote(name) + " ")) {
                return name;
            }
        }
        return sql;
    }

    /** How many foreign keys the catalog lists for that table. */
    private static int importedKeys(Connection c, Table t) throws SQLException {
        int n = 0;
        try (ResultSet rs = c.getMetaData().getImportedKeys(c.getCatalog(), c.getSchema(), t.name())) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    /** The differences between {@code table} and what the database holds for it (the SQL layer's schema check). */
    private java.util.List<io.athanor.sql.schema.TableDifference> differences(Table table) {
        return db.inTransaction(tx -> {
            try {
                return io.athanor.sql.schema.SchemaComparison.compare(dialect(), table,
                        new io.athanor.sql.schema.SchemaReader(tx.connection(), dialect()).read(table.name()));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theSchemaCheckSeesEveryDeclaredForeignKeyAndTheScriptAddsAMissingOne() {
        for (Table t : List.of(CASCADE, SET_NULL, NO_ACTION, NODE, TAGGED, A, B)) {
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), differences(t), t.name());
        }
        // the same columns without the key, as an older version of the schema had them
        Table old = Table.builder("kit_fk_late").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("parent_id", Long.class).build();
        Table declared = Table.builder("kit_fk_late").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("parent_id", Long.class).foreignKey("parent_id", PARENT, "id", OnDelete.SET_NULL).build();
        db.createTables(old);
        List<io.athanor.sql.schema.TableDifference> found = differences(declared);
        org.junit.jupiter.api.Assertions.assertEquals(1, found.size(), found.toString());
        org.junit.jupiter.api.Assertions.assertEquals(io.athanor.sql.schema.TableDifference.Kind.MISSING_FOREIGN_KEY,
                found.get(0).kind());
        org.junit.jupiter.api.Assertions.assertEquals("parent_id", found.get(0).column());
        String script = io.athanor.sql.schema.MigrationScript.forTable(dialect(), declared, found);
        insert(PARENT, 7L);
        db.execute(Sql.insertInto(old).set(col(old, "id"), 1L).set(col(old, "parent_id"), 7L));
        if (!dialect().canAddForeignKey()) {
            // the rebuild is written as comment lines for a person to run, outside any transaction: run them so
            org.junit.jupiter.api.Assertions.assertTrue(script.startsWith("-- by hand:") && script.contains("rebuild"), script);
            List<String> recipe = script.lines().filter(l -> l.startsWith("--   ")).map(l -> l.substring(5)).toList();
            try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                for (String statement : recipe) {
                    st.execute(statement.replace(" -- must return no row", ""));
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(script, e);
            }
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), differences(declared), "after the rebuild: " + script);
            org.junit.jupiter.api.Assertions.assertEquals(1, count(declared), "the row was kept");
            return;
        }
        db.inTransaction(tx -> {
            for (String statement : script.split(";\n")) {
                if (!statement.isBlank()) {
                    try (java.sql.Statement st = tx.connection().createStatement()) {
                        st.execute(statement);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(statement, e);
                    }
                }
            }
            return null;
        });
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), differences(declared), "after the script: " + script);
        org.junit.jupiter.api.Assertions.assertEquals(1, count(declared), "the row was kept");
        // a key with another ON DELETE than declared is a difference of its own
        Table otherRule = Table.builder("kit_fk_late").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("parent_id", Long.class).foreignKey("parent_id", PARENT, "id", OnDelete.CASCADE).build();
        List<io.athanor.sql.schema.TableDifference> rule = differences(otherRule);
        org.junit.jupiter.api.Assertions.assertEquals(List.of(io.athanor.sql.schema.TableDifference.Kind.FOREIGN_KEY),
                rule.stream().map(io.athanor.sql.schema.TableDifference::kind).toList(), rule.toString());
    }
}
