package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.SchemaDifference;
import io.athanor.orm.SchemaMismatchException;
import io.athanor.orm.SessionFactory;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.Table;
import io.athanor.sql.schema.TableDifference.Kind;
import io.athanor.test.kit.entities.KitAccount;
import io.athanor.test.kit.entities.KitGadget;
import io.athanor.test.kit.entities.KitInvoice;
import io.athanor.test.kit.entities.KitStuff;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code sf.schema()}: validation of the database's tables against the mappings, every kind of
 * difference found and named, and migration scripts that bring an old schema to the mappings
 * keeping its rows. Old schemas are made with plain DDL.
 */
public abstract class SchemaSuite extends KitSuite {
    private final List<SessionFactory> factories = new ArrayList<>();

    @Override
    protected void finish() {
        factories.forEach(SessionFactory::close);
        factories.clear();
    }

    /** A factory over this test's database for those entities (closed after the test). */
    protected SessionFactory factory(Class<?>... entities) {
        SessionFactory f = SessionFactory.builder().database(db).entities(entities).build();
        factories.add(f);
        return f;
    }

    @Test
    void tablesMadeByCreateTablesValidateClean() {
        SessionFactory f = factory(KitStuff.class, KitAccount.class, KitGadget.class, KitInvoice.class);
        f.createTables();
        assertEquals(List.of(), f.schema().differences());
        assertEquals(List.of(), f.schema().validate());
        assertEquals("", f.schema().migrationScript());
    }

    @Test
    void missingTablesAreNamedAndTheScriptCreatesThem() {
        SessionFactory f = factory(KitStuff.class, KitAccount.class);
        SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> f.schema().validate());
        assertEquals(List.of("KitStuff MISSING_TABLE", "KitAccount MISSING_TABLE"),
                e.errors().stream().map(d -> d.entity() + " " + d.kind()).toList());
        assertTrue(e.getMessage().contains("entity KitStuff, table kit_stuff"), e.getMessage());
        apply(f.schema().migrationScript());
        assertEquals(List.of(), f.schema().validate());
        assertEquals("", f.schema().migrationScript());
    }

    @Test
    void theScriptAddsMissingColumnsAndKeepsEveryRow() {
        ddl(Table.builder("kit_stuff").column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
                .column("name", String.class).build());
        ddl(Table.builder("kit_account").column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
                .column("balance", Long.class, ColumnOption.NOT_NULL).column("version", Integer.class, ColumnOption.NOT_NULL)
                .build());
        ddl(Table.builder("kit_gadget").column("id", UUID.class, ColumnOption.PRIMARY_KEY).build());
        UUID g1 = UUID.randomUUID();
        UUID g2 = UUID.randomUUID();
        sql("INSERT INTO " + q("kit_stuff") + " (" + q("name") + ") VALUES ('a'), ('b'), ('c')");
        sql("INSERT INTO " + q("kit_account") + " (" + q("balance") + ", " + q("version") + ") VALUES (7, 1)");
        sql("INSERT INTO " + q("kit_gadget") + " (" + q("id") + ") VALUES ('" + g1 + "'), ('" + g2 + "')");
        SessionFactory f = factory(KitStuff.class, KitAccount.class, KitGadget.class);

        SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> f.schema().validate());
        List<String> found = e.errors().stream().map(d -> d.entity() + "." + d.property() + " " + d.kind()).toList();
        for (String expected : List.of("KitStuff.foo MISSING_COLUMN", "KitStuff.rank MISSING_COLUMN",
                "KitAccount.email MISSING_COLUMN", "KitGadget.flag MISSING_COLUMN", "KitGadget.optionalRatio MISSING_COLUMN",
                "KitGadget.kind MISSING_COLUMN", "KitGadget.stamp MISSING_COLUMN")) {
            assertTrue(found.contains(expected), expected + " in " + found);
        }
        String script = f.schema().migrationScript();
        assertTrue(script.contains("-- kit_stuff.foo is NOT NULL: existing rows get DEFAULT 0"), script);
        assertFalse(script.contains("CREATE TABLE"), script);
        apply(script);

        assertEquals(List.of(), f.schema().validate(), script);
        assertEquals("", f.schema().migrationScript());
        assertEquals(List.of("a 0 null", "b 0 null", "c 0 null"), rows("SELECT " + q("name") + ", " + q("foo") + ", "
                + q("rank") + " FROM " + q("kit_stuff") + " ORDER BY " + q("id")));
        assertEquals(List.of(" 7 1"), rows("SELECT " + q("email") + ", " + q("balance") + ", " + q("version")
                + " FROM " + q("kit_account")));
        assertEquals(2, rows("SELECT " + q("id") + " FROM " + q("kit_gadget")).size());
        f.useTransaction(s -> {
            KitGadget g = s.get(KitGadget.class, g1);
            assertFalse(g.flag);
            assertEquals(0, g.count);
            assertEquals(0L, g.big);
            assertEquals(0.0, g.ratio);
            assertEquals(null, g.label);
        });
    }

    @Test
    void eachKindOfDifferenceIsNamed() {
        ddl(Table.builder("kit_stuff").column("id", Long.class, ColumnOption.NOT_NULL)
                .column("foo", String.class, ColumnOption.NOT_NULL).column("name", String.class, ColumnOption.NOT_NULL)
                .column("rank", Integer.class).column("legacy", String.class).build());
        ddl(Table.builder("kit_account").column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
                .column("email", String.class, ColumnOption.NOT_NULL).column("balance", Long.class, ColumnOption.NOT_NULL)
                .column("version", Integer.class).build());
        ddl(Table.builder("kit_invoice").column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
                .decimal("total", 8, 2).column("amount", Long.class).build());
        SessionFactory f = factory(KitStuff.class, KitAccount.class, KitGadget.class, KitInvoice.class);

        SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> f.schema().validate());
        List<String> found = e.errors().stream().map(SchemaSuite::brief).toList();
        for (String expected : List.of("KitStuff.foo kit_stuff.foo TYPE", "KitStuff.name kit_stuff.name NULLABILITY",
                "KitStuff.null kit_stuff.null PRIMARY_KEY", "KitAccount.email kit_account.email UNIQUE",
                "KitAccount.version kit_account.version NULLABILITY", "KitGadget.null kit_gadget.null MISSING_TABLE",
                "KitInvoice.total kit_invoice.total TYPE", "KitInvoice.amount kit_invoice.amount TYPE")) {
            assertTrue(found.contains(expected), expected + " in " + found + "\n" + e.getMessage());
        }
        assertFalse(found.contains("KitStuff.rank kit_stuff.rank TYPE"), e.getMessage());
        assertEquals(List.of("KitStuff.null kit_stuff.legacy EXTRA_COLUMN"), e.notes().stream().map(SchemaSuite::brief).toList());
        assertTrue(e.getMessage().contains("entity KitStuff, property foo (column kit_stuff.foo): the column is "),
                e.getMessage());

        String script = f.schema().migrationScript();
        assertTrue(script.contains("-- by hand: kit_stuff.foo: the column is "), script);
        assertTrue(script.contains("CREATE TABLE"), script);
        assertFalse(script.lines().anyMatch(l -> l.startsWith("ALTER TABLE")), script);
        assertFalse(script.contains("legacy"), script);
    }

    @Test
    void anUnmappedColumnIsANoteNotAnError() {
        ddl(Table.builder("kit_stuff").column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
                .column("foo", Integer.class, ColumnOption.NOT_NULL).column("name", String.class)
                .column("rank", Integer.class).column("legacy", String.class).build());
        SessionFactory f = factory(KitStuff.class);
        List<SchemaDifference> notes = f.schema().validate();
        assertEquals(List.of("KitStuff.null kit_stuff.legacy EXTRA_COLUMN"), notes.stream().map(SchemaSuite::brief).toList());
        assertEquals("", f.schema().migrationScript());
    }

    @Test
    void validateSchemaChecksAtBuild() {
        SessionFactory.Builder b = SessionFactory.builder().database(db).entities(KitStuff.class).validateSchema(true);
        SchemaMismatchException e = assertThrows(SchemaMismatchException.class, b::build);
        assertEquals(Kind.MISSING_TABLE, e.errors().get(0).kind());
        factory(KitStuff.class).createTables();
        factories.add(b.build());
    }

    /** {@code Entity.property table.column KIND}, to compare lists of differences. */
    protected static String brief(SchemaDifference d) {
        return d.entity() + "." + d.property() + " " + d.table() + "." + d.column() + " " + d.kind();
    }

    private String q(String name) {
        return dialect().quote(name);
    }

    /** Creates that table as this dialect's createTables would. */
    private void ddl(Table table) {
        sql(db.createTableSql(table));
    }

    /** Runs each statement of a migration script, skipping its comment lines. */
    private void apply(String script) {
        for (String statement : script.split(";\n")) {
            String sql = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, l) -> a + l + "\n").strip();
            if (!sql.isEmpty()) {
                sql(sql);
            }
        }
    }

    /** Runs one statement with plain JDBC. */
    protected void sql(String sql) {
        db.inTransaction(tx -> {
            try (Statement s = tx.connection().createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new AssertionError(sql + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    /** Each row's values as text, joined by spaces. */
    private List<String> rows(String sql) {
        return db.inTransaction(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        values.add(String.valueOf(rs.getString(i)));
                    }
                    out.add(String.join(" ", values));
                }
                return out;
            } catch (SQLException e) {
                throw new AssertionError(sql + ": " + e.getMessage(), e);
            }
        });
    }
}
