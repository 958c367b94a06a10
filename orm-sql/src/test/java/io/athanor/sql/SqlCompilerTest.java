package io.athanor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.dialect.SqliteDialect;
import io.athanor.sql.internal.SqlCompiler;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlCompilerTest {
    static final Table STUFF = Table.builder("stuff")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
            .column("foo", Integer.class, ColumnOption.NOT_NULL)
            .column("name", String.class)
            .column("ok", Boolean.class)
            .build();
    static final Column<Long> ID = STUFF.column("id", Long.class);
    static final Column<Integer> FOO = STUFF.column("foo", Integer.class);
    static final Column<String> NAME = STUFF.column("name", String.class);
    static final Column<Boolean> OK = STUFF.column("ok", Boolean.class);

    private final SqliteDialect dialect = new SqliteDialect();

    private CompiledSql compile(Statement s) {
        return SqlCompiler.compile(dialect, s);
    }

    private void assertWhere(String expectedSql, List<Object> expectedValues, Expression<Boolean> where) {
        CompiledSql c = compile(Sql.select(ID).from(STUFF).where(where));
        assertEquals("SELECT \"id\" FROM \"stuff\" WHERE " + expectedSql, c.sql());
        assertEquals(expectedValues, c.values(null));
    }

    @Test
    void selectWithWhereOrderLimitAndOffsetBindsEveryValue() {
        CompiledSql c = compile(Sql.select(ID, NAME).from(STUFF).where(FOO.gt(3)).orderBy(NAME.asc(), ID.desc())
                .limit(10).offset(20));
        assertEquals("SELECT \"id\", \"name\" FROM \"stuff\" WHERE \"foo\" > ? ORDER BY \"name\", \"id\" DESC LIMIT ? OFFSET ?",
                c.sql());
        assertEquals(List.of(3, 10, 20), c.values(null));
        assertEquals(2, c.resultCount());
    }

    @Test
    void selectWithoutColumnsSelectsEveryColumnOfTheTable() {
        assertEquals("SELECT \"id\", \"foo\", \"name\", \"ok\" FROM \"stuff\"", compile(Sql.select().from(STUFF)).sql());
    }

    @Test
    void offsetWithoutLimitGetsSqlitesNoLimitMarker() {
        CompiledSql c = compile(Sql.select(ID).from(STUFF).offset(5));
        assertEquals("SELECT \"id\" FROM \"stuff\" LIMIT ? OFFSET ?", c.sql());
        assertEquals(List.of(-1, 5), c.values(null));
    }

    @Test
    void selectWithoutFromFailsClearly() {
        SqlException e = assertThrows(SqlException.class, () -> compile(Sql.select(ID)));
        assertTrue(e.getMessage().contains("from(table)"), e.getMessage());
    }

    @Test
    void everyComparisonOperatorCompiles() {
        assertWhere("\"foo\" = ?", List.of(1), FOO.eq(1));
        assertWhere("\"foo\" <> ?", List.of(1), FOO.ne(1));
        assertWhere("\"foo\" < ?", List.of(1), FOO.lt(1));
        assertWhere("\"foo\" <= ?", List.of(1), FOO.le(1));
        assertWhere("\"foo\" > ?", List.of(1), FOO.gt(1));
        assertWhere("\"foo\" >= ?", List.of(1), FOO.ge(1));
        assertWhere("\"foo\" = \"foo\"", List.of(), FOO.eq(FOO));
    }

    @Test
    void eqAndNeWithNullBecomeNullTests() {
        assertWhere("\"name\" IS NULL", List.of(), NAME.eq((String) null));
        assertWhere("\"name\" IS NOT NULL", List.of(), NAME.ne((String) null));
        assertWhere("\"name\" IS NULL", List.of(), NAME.isNull());
        assertWhere("\"name\" IS NOT NULL", List.of(), NAME.isNotNull());
    }

    @Test
    void inBetweenAndLikeCompile() {
        assertWhere("\"foo\" IN (?, ?, ?)", List.of(1, 2, 3), FOO.in(1, 2, 3));
        assertWhere("\"foo\" BETWEEN ? AND ?", List.of(1, 9), FOO.between(1, 9));
        assertWhere("\"name\" LIKE ?", List.of("a%"), NAME.like("a%"));
    }

    @Test
    void emptyInListMatchesNothingWithoutInvalidSql() {
        assertWhere("1 = 0", List.of(), FOO.in(List.of()));
    }

    @Test
    void arithmeticAndConcatAreParenthesisedAsOperands() {
        assertWhere("(" + intChecked("\"foo\" + ?") + ") = ?", List.of(1, 5), FOO.plus(1).eq(5));
        assertWhere("(" + intChecked("\"foo\" - ?") + ") = ?", List.of(1, 5), FOO.minus(1).eq(5));
        assertWhere("(" + intChecked("\"foo\" * ?") + ") = ?", List.of(2, 6), FOO.times(2).eq(6));
        assertWhere("(" + intChecked("\"foo\" / ?") + ") = ?", List.of(2, 3), FOO.dividedBy(2).eq(3));
        assertWhere("(" + intChecked("\"foo\" % ?") + ") = ?", List.of(2, 1), FOO.mod(2).eq(1));
        assertWhere("(\"name\" || ?) = ?", List.of("x", "ax"), NAME.concat("x").eq("ax"));
        // one overflow check for a chain of + - * /; % converts a REAL back to an integer, so its operands get their own
        assertWhere("(" + intChecked("(\"foo\" + ?) * ?") + ") > ?", List.of(1, 2, 3), FOO.plus(1).times(2).gt(3));
        assertWhere("(" + intChecked("(" + intChecked("\"foo\" * ?") + ") % ?") + ") > ?", List.of(2, 3, 0),
                FOO.times(2).mod(3).gt(0));
    }

    /** SQLite's check that Integer arithmetic neither overflowed into a REAL nor left the int range. */
    private static String intChecked(String arithmetic) {
        return "(SELECT CASE WHEN typeof(athanor_v) = 'real' OR athanor_v NOT BETWEEN -2147483648 AND 2147483647"
                + " THEN abs(-9223372036854775808) ELSE athanor_v END FROM (SELECT " + arithmetic + " AS athanor_v))";
    }

    @Test
    void booleanCombinatorsKeepPrecedenceExplicit() {
        assertWhere("\"foo\" = ? AND \"name\" = ?", List.of(1, "a"), FOO.eq(1).and(NAME.eq("a")));
        assertWhere("\"foo\" = ? OR \"name\" = ?", List.of(1, "a"), FOO.eq(1).or(NAME.eq("a")));
        assertWhere("\"foo\" = ? AND (\"foo\" = ? OR \"foo\" = ?)", List.of(1, 2, 3),
                Sql.and(FOO.eq(1), Sql.or(FOO.eq(2), FOO.eq(3))));
        assertWhere("NOT \"foo\" = ?", List.of(1), Sql.not(FOO.eq(1)));
        assertWhere("NOT (\"foo\" = ? OR \"ok\")", List.of(1), Sql.not(FOO.eq(1).or(OK)));
        assertWhere("\"foo\" = ? AND \"foo\" = ? AND \"foo\" = ?", List.of(1, 2, 3),
                FOO.eq(1).and(FOO.eq(2)).and(FOO.eq(3)));
    }

    @Test
    void functionsRenderByNameWithBoundArguments() {
        assertWhere("upper(\"name\") = ?", List.of("A"), Sql.function("upper", String.class, NAME).eq("A"));
        assertEquals("SELECT COUNT(*) FROM \"stuff\"", compile(Sql.select(Sql.count()).from(STUFF)).sql());
    }

    @Test
    void functionNamesThatAreNotIdentifiersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sql.function("x(); DROP TABLE stuff; --", String.class));
    }

    @Test
    void insertUpdateAndDeleteCompileWithReturning() {
        CompiledSql ins = compile(Sql.insertInto(STUFF).set(FOO, 1).set(NAME, "a").returning(ID));
        assertEquals("INSERT INTO \"stuff\" (\"foo\", \"name\") VALUES (?, ?) RETURNING \"id\"", ins.sql());
        assertEquals(List.of(1, "a"), ins.values(null));

        CompiledSql upd = compile(Sql.update(STUFF).set(FOO, FOO.plus(1)).set(NAME, (String) null).where(ID.eq(7L)).returning(ID));
        // a stored value is left to the column's CHECK constraint (see SqliteDialect.columnType)
        assertEquals("UPDATE \"stuff\" SET \"foo\" = (\"foo\" + ?), \"name\" = ? WHERE \"id\" = ? RETURNING \"id\"", upd.sql());
        assertEquals(Arrays.asList(1, null, 7L), upd.values(null));

        CompiledSql del = compile(Sql.deleteFrom(STUFF).where(FOO.lt(0)).returning(ID, FOO));
        assertEquals("DELETE FROM \"stuff\" WHERE \"foo\" < ? RETURNING \"id\", \"foo\"", del.sql());
        assertEquals(2, del.resultCount());
    }

    @Test
    void insertWithoutValuesUsesDefaultValues() {
        assertEquals("INSERT INTO \"stuff\" DEFAULT VALUES", compile(Sql.insertInto(STUFF)).sql());
    }

    @Test
    void updateWithoutSetFailsNamingTheTable() {
        SqlException e = assertThrows(SqlException.class, () -> compile(Sql.update(STUFF).where(ID.eq(1L))));
        assertTrue(e.getMessage().contains("stuff"), e.getMessage());
    }

    @Test
    void returningIsRefusedWhereTheDialectDoesNotSupportIt() {
        SqliteDialect noReturning = new SqliteDialect(EnumSet.of(StatementKind.INSERT));
        SqlException e = assertThrows(SqlException.class,
                () -> SqlCompiler.compile(noReturning, Sql.deleteFrom(STUFF).returning(ID)));
        assertTrue(e.getMessage().contains("RETURNING") && e.getMessage().contains("DELETE"), e.getMessage());
    }

    @Test
    void placeholdersAreFilledFromTheRowSlots() {
        CompiledSql c = compile(Sql.update(STUFF).set(FOO, Sql.param(1, Integer.class)).where(ID.eq(Sql.param(0, Long.class))));
        assertEquals("UPDATE \"stuff\" SET \"foo\" = ? WHERE \"id\" = ?", c.sql());
        assertEquals(List.of(42, 7L), c.values(new Object[] {7L, 42}));
    }

    @Test
    void identifiersAreQuotedWithEmbeddedQuotesDoubled() {
        Table t = Table.builder("select").column("we\"ird", String.class).build();
        assertEquals("SELECT \"we\"\"ird\" FROM \"select\"", compile(Sql.select().from(t)).sql());
    }

    @Test
    void columnsOfAnotherTableAreRefusedInSetAndReturning() {
        Table other = Table.builder("other").column("foo", Integer.class).build();
        Column<Integer> otherFoo = other.column("foo", Integer.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sql.update(STUFF).set(otherFoo, 1));
        assertTrue(e.getMessage().contains("other.foo") && e.getMessage().contains("stuff"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sql.deleteFrom(STUFF).returning(otherFoo));
    }

    @Test
    void typeErrorsAreCaughtWhenExpressionsAreBuilt() {
        assertThrows(IllegalArgumentException.class, () -> NAME.plus(1));
        assertThrows(IllegalArgumentException.class, () -> FOO.like("x"));
        assertThrows(IllegalArgumentException.class, () -> FOO.plus(1.5));
        assertThrows(IllegalArgumentException.class, () -> FOO.and(OK));
        assertEquals(Long.class, ID.plus(1).type()); // an int literal is widened exactly to the column's type
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void rawTypedValueOfTheWrongTypeFailsNamingTheColumn() {
        Column raw = FOO;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sql.insertInto(STUFF).set(raw, "text"));
        assertTrue(e.getMessage().contains("stuff.foo") && e.getMessage().contains("java.lang.String"), e.getMessage());
    }

    @Test
    void aColumnOfATypeTheDialectCannotBindFailsNamingColumnAndType() {
        Table t = Table.builder("t").column("when", java.util.Date.class).build();
        SqlException e = assertThrows(SqlException.class,
                () -> compile(Sql.insertInto(t).set(t.column("when", java.util.Date.class), new java.util.Date())));
        assertTrue(e.getMessage().contains("t.when") && e.getMessage().contains("java.util.Date"), e.getMessage());
    }

    @Test
    void notNullColumnsAreReadWithoutANullCheckAndNullableOnesWithIt() throws Exception {
        Table t = Table.builder("t").column("a", Integer.class, ColumnOption.NOT_NULL).column("b", Integer.class).build();
        CompiledSql c = compile(Sql.select().from(t));
        java.sql.ResultSet rs = org.mockito.Mockito.mock(java.sql.ResultSet.class);
        org.mockito.Mockito.when(rs.getInt(1)).thenReturn(5);
        org.mockito.Mockito.when(rs.getInt(2)).thenReturn(0);
        org.mockito.Mockito.when(rs.wasNull()).thenReturn(true);
        assertEquals(5, c.readResult(rs, 0), "NOT NULL: the value as read, no wasNull() native call");
        org.mockito.Mockito.verify(rs, org.mockito.Mockito.never()).wasNull();
        assertEquals(null, c.readResult(rs, 1), "nullable: 0 with wasNull() is SQL NULL");
    }

    @Test
    void aColumnOfATableTheStatementDoesNotReadIsRefusedNamingIt() {
        Table customer = Table.builder("customer").column("id", Long.class).column("name", String.class).build();
        Column<String> customerName = customer.column("name", String.class);
        List<java.util.function.Supplier<Statement>> statements = List.of(
                () -> Sql.select(ID).from(STUFF).where(customerName.eq("Bob")),
                () -> Sql.select(ID).from(STUFF).orderBy(customerName.asc()),
                () -> Sql.select(customerName).from(STUFF),
                () -> Sql.update(STUFF).set(NAME, customerName),
                () -> Sql.update(STUFF).set(customerName, "x"),
                () -> Sql.update(STUFF).set(NAME, "x").where(customerName.isNull()),
                () -> Sql.deleteFrom(STUFF).where(customerName.like("B%")),
                () -> Sql.insertInto(STUFF).set(customerName, "x"),
                () -> Sql.deleteFrom(STUFF).returning(customerName));
        for (java.util.function.Supplier<Statement> statement : statements) {
            // refused when the statement is built (SET targets, RETURNING) or compiled (everything else)
            RuntimeException e = assertThrows(RuntimeException.class, () -> compile(statement.get()));
            assertTrue(e.getMessage().contains("customer.name") && e.getMessage().contains("stuff"), e.getMessage());
        }
        assertEquals("SELECT \"id\" FROM \"stuff\" WHERE \"name\" = ?",
                compile(Sql.select(ID).from(STUFF).where(NAME.eq("Bob"))).sql(), "the statement's own column is fine");
    }

    @Test
    void anUpsertCompilesToEachDatabasesOwnClauseAndIsRefusedWithoutOne() {
        Insert upsert = Sql.insertInto(STUFF).set(ID, 7L).set(FOO, 1).set(NAME, "n").onConflictUpdate(ID);
        assertEquals("INSERT INTO \"stuff\" (\"id\", \"foo\", \"name\") VALUES (?, ?, ?) ON CONFLICT (\"id\") DO UPDATE SET"
                + " \"foo\" = excluded.\"foo\", \"name\" = excluded.\"name\"", compile(upsert).sql());
        assertEquals("INSERT INTO `stuff` (`id`, `foo`, `name`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE"
                + " `foo` = VALUES(`foo`), `name` = VALUES(`name`)",
                SqlCompiler.compile(new io.athanor.sql.dialect.MariaDbDialect(), upsert).sql());
        SqlException onlyKeys = assertThrows(SqlException.class,
                () -> compile(Sql.insertInto(STUFF).set(ID, 7L).onConflictUpdate(ID)));
        assertTrue(onlyKeys.getMessage().contains("besides its conflict columns"), onlyKeys.getMessage());
    }
}
