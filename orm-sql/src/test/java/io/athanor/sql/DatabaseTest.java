package io.athanor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.dialect.SqliteDialect;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class DatabaseTest {
    static final Table STUFF = SqlCompilerTest.STUFF;
    static final Column<Long> ID = SqlCompilerTest.ID;
    static final Column<Integer> FOO = SqlCompilerTest.FOO;
    static final Column<String> NAME = SqlCompilerTest.NAME;

    @TempDir
    Path dir;
    Database db;
    final List<String> statements = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        db = SqliteFiles.open(dir, (sql, kind, rows, values) -> statements.add(sql));
        db.createTables(STUFF);
        statements.clear();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long count() {
        return db.query(Sql.select(Sql.count()).from(STUFF), r -> r.<Long>get(0)).get(0);
    }

    @Test
    void aRolledBackTransactionLeavesNothingBehind() {
        try (Transaction tx = db.begin()) {
            tx.execute(Sql.insertInto(STUFF).set(FOO, 1));
            tx.execute(Sql.insertInto(STUFF).set(FOO, 2));
            assertEquals(2, tx.query(Sql.select(Sql.count()).from(STUFF), r -> r.<Long>get(0)).get(0));
            tx.rollback();
        }
        assertEquals(0, count());
    }

    @Test
    void aTransactionClosedWithoutCommitRollsBack() {
        try (Transaction tx = db.begin()) {
            tx.execute(Sql.insertInto(STUFF).set(FOO, 1));
        }
        assertEquals(0, count());
    }

    @Test
    void anExceptionInsideInTransactionRollsBack() {
        assertThrows(IllegalStateException.class, () -> db.inTransaction(tx -> {
            tx.execute(Sql.insertInto(STUFF).set(FOO, 1));
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, count());
    }

    @Test
    void committedWorkIsVisibleToOtherConnections() {
        try (Transaction tx = db.begin()) {
            tx.execute(Sql.insertInto(STUFF).set(FOO, 1));
            tx.commit();
        }
        assertEquals(1, count());
    }

    @Test
    void rollingBackToASavepointUndoesOnlyTheWorkAfterIt() {
        try (Transaction tx = db.begin()) {
            tx.execute(Sql.insertInto(STUFF).set(FOO, 1));
            Savepoint sp = tx.savepoint();
            tx.execute(Sql.insertInto(STUFF).set(FOO, 2));
            tx.rollbackTo(sp);
            tx.execute(Sql.insertInto(STUFF).set(FOO, 3));
            tx.commit();
        }
        assertEquals(List.of(1, 3), db.query(Sql.select(FOO).from(STUFF).orderBy(FOO.asc()), r -> r.get(FOO)));
    }

    @Test
    void anEndedTransactionRefusesFurtherWork() {
        Transaction tx = db.begin();
        tx.commit();
        SqlException e = assertThrows(SqlException.class, () -> tx.execute(Sql.insertInto(STUFF).set(FOO, 1)));
        assertTrue(e.getMessage().contains("ended"), e.getMessage());
        tx.close(); // closing twice is harmless
    }

    @Test
    void eightThreadsShareThePoolWithoutLosingWrites() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        int value = thread * 1000 + i;
                        db.inTransaction(tx -> tx.execute(Sql.insertInto(STUFF).set(FOO, value)));
                        assertEquals(1, db.query(Sql.select(Sql.count()).from(STUFF).where(FOO.eq(value)),
                                r -> r.<Long>get(0)).get(0));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(400, count());
    }

    @Test
    void updateAndDeleteReturnTheMatchedRowCount() {
        db.inTransaction(tx -> {
            for (int i = 0; i < 10; i++) {
                tx.execute(Sql.insertInto(STUFF).set(FOO, i));
            }
            return null;
        });
        assertEquals(5, db.execute(Sql.update(STUFF).set(FOO, FOO.plus(100)).where(FOO.lt(5))));
        assertEquals(3, db.execute(Sql.deleteFrom(STUFF).where(FOO.between(5, 7))));
        assertEquals(7, count());
    }

    @Test
    void returningGivesBackTheAffectedKeys() {
        List<Long> ids = db.inTransaction(tx -> {
            List<Long> keys = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                keys.addAll(tx.query(Sql.insertInto(STUFF).set(FOO, i).returning(ID), r -> r.get(ID)));
            }
            return keys;
        });
        List<Long> updated = db.query(Sql.update(STUFF).set(FOO, 0).where(FOO.ge(2)).returning(ID), r -> r.get(ID));
        assertEquals(ids.subList(2, 4), updated.stream().sorted().toList());
    }

    @Test
    void batchInsertDerivesGeneratedKeysFromOneBatchWithoutReturning() {
        assertBatchKeys(db);
        // the greatest key before, the batch, and the check after
        assertEquals("INSERT INTO \"stuff\" (\"foo\", \"name\") VALUES (?, ?)", statements.get(1), statements.toString());
        assertTrue(statements.get(0).startsWith("SELECT (SELECT max(\"id\")"), statements.toString());
        assertTrue(statements.get(2).contains("last_insert_rowid()"), statements.toString());
    }

    @Test
    void twoRowsReadTheirKeysThroughReturning() {
        Insert insert = Sql.insertInto(STUFF).set(FOO, Sql.param(0, Integer.class)).set(NAME, Sql.param(1, String.class));
        List<Long> keys = db.inTransaction(tx -> tx.insertReturningKeys(insert, List.of(new Object[] {1, "a"}, new Object[] {2, "b"}), ID));
        assertTrue(statements.get(0).endsWith("RETURNING \"id\""), statements.toString());
        assertEquals(List.of("a", "b"), keys.stream().map(k -> db.query(Sql.select(NAME).from(STUFF).where(ID.eq(k)), r -> r.get(NAME)).get(0)).toList());
    }

    @Test
    void batchInsertReturnsGeneratedKeysThroughJdbcWhenReturningIsOff() {
        try (Database noReturning = Database.builder().url("jdbc:sqlite:" + dir.resolve("test.db"))
                .dialect(new SqliteDialect(EnumSet.noneOf(StatementKind.class))).build()) {
            assertBatchKeys(noReturning);
        }
    }

    private void assertBatchKeys(Database database) {
        Insert insert = Sql.insertInto(STUFF).set(FOO, Sql.param(0, Integer.class)).set(NAME, Sql.param(1, String.class));
        List<Object[]> rows = IntStream.range(0, 5).mapToObj(i -> new Object[] {i, "n" + i}).toList();
        List<Long> keys = database.inTransaction(tx -> tx.insertReturningKeys(insert, rows, ID));
        assertEquals(5, keys.size());
        for (int i = 0; i < 5; i++) {
            int expected = i;
            assertEquals(List.of("n" + i), database.query(Sql.select(NAME).from(STUFF).where(ID.eq(keys.get(i))),
                    r -> r.get(NAME)), "key of row " + expected);
        }
    }

    @Test
    void executeBatchRunsOneStatementForManyRows() {
        db.inTransaction(tx -> {
            for (int i = 0; i < 3; i++) {
                tx.execute(Sql.insertInto(STUFF).set(FOO, i));
            }
            return null;
        });
        statements.clear();
        CompiledSql c = db.compile(Sql.update(STUFF).set(FOO, Sql.param(1, Integer.class)).where(FOO.eq(Sql.param(0, Integer.class))));
        int[] counts = db.inTransaction(tx -> tx.executeBatch(c, List.of(new Object[] {0, 10}, new Object[] {1, 11}, new Object[] {9, 19})));
        assertEquals(1, counts[0]);
        assertEquals(1, counts[1]);
        assertEquals(0, counts[2]);
        assertEquals(1, statements.size());
        assertEquals(List.of(2, 10, 11), db.query(Sql.select(FOO).from(STUFF).orderBy(FOO.asc()), r -> r.get(FOO)));
    }

    @Test
    void streamReadsRowsLazilyAndClosesTheResultSet() {
        db.inTransaction(tx -> {
            for (int i = 0; i < 1000; i++) {
                tx.execute(Sql.insertInto(STUFF).set(FOO, i));
            }
            return null;
        });
        AtomicInteger mapped = new AtomicInteger();
        try (Transaction tx = db.begin()) {
            try (Stream<Integer> s = tx.stream(Sql.select(FOO).from(STUFF).orderBy(FOO.asc()), r -> {
                mapped.incrementAndGet();
                return r.get(FOO);
            })) {
                assertEquals(List.of(0, 1, 2), s.limit(3).toList());
            }
            assertTrue(mapped.get() < 1000, "only the rows consumed are mapped, not all " + mapped.get());
            tx.commit();
        }
    }

    @Test
    void limitAndOffsetPage() {
        db.inTransaction(tx -> {
            for (int i = 0; i < 10; i++) {
                tx.execute(Sql.insertInto(STUFF).set(FOO, i));
            }
            return null;
        });
        assertEquals(List.of(3, 4), db.query(Sql.select(FOO).from(STUFF).orderBy(FOO.asc()).limit(2).offset(3), r -> r.get(FOO)));
        assertEquals(List.of(8, 9), db.query(Sql.select(FOO).from(STUFF).orderBy(FOO.asc()).offset(8), r -> r.get(FOO)));
    }

    @Test
    void aFailingStatementRaisesSqlExceptionWithTheSqlAndTheJdbcCause() {
        db.execute(Sql.insertInto(STUFF).set(ID, 1L).set(FOO, 1));
        SqlException e = assertThrows(SqlException.class, () -> db.execute(Sql.insertInto(STUFF).set(ID, 1L).set(FOO, 2)));
        assertEquals("INSERT INTO \"stuff\" (\"id\", \"foo\") VALUES (?, ?)", e.sql());
        assertInstanceOf(SQLException.class, e.getCause());
        assertEquals(ConstraintViolationException.Kind.UNIQUE, assertInstanceOf(ConstraintViolationException.class, e).kind());
        assertTrue(e.getMessage().startsWith("UNIQUE constraint stuff.id violated"), e.getMessage());
        assertEquals(1, count(), "the failed statement's transaction was rolled back, the connection is usable");
    }

    @Test
    void fileDatabasesRunInWalModeWithForeignKeysOn() throws Exception {
        try (Transaction tx = db.begin(); var s = tx.connection().createStatement()) {
            var rs = s.executeQuery("PRAGMA journal_mode");
            rs.next();
            assertEquals("wal", rs.getString(1).toLowerCase());
            rs = s.executeQuery("PRAGMA foreign_keys");
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void aUrlNoDialectAcceptsFailsListingTheDialectsFound() {
        SqlException e = assertThrows(SqlException.class, () -> Database.open("jdbc:nosuchdb://localhost/x"));
        assertTrue(e.getMessage().contains("jdbc:nosuchdb") && e.getMessage().contains("sqlite"), e.getMessage());
    }

    @Test
    void aGivenDataSourceIsUsedAsItIsWithTheDialectDetectedFromMetadata() {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("test.db"));
        try (Database given = Database.builder().dataSource(ds).build()) {
            assertInstanceOf(SqliteDialect.class, given.dialect());
            given.execute(Sql.insertInto(STUFF).set(FOO, 5));
        }
        assertEquals(1, count());
    }

    @Test
    void createTablesIsIdempotent() {
        db.createTables(STUFF);
        db.createTables(STUFF);
        assertEquals("CREATE TABLE IF NOT EXISTS \"stuff\" (\"id\" INTEGER NOT NULL, \"foo\" INTEGER CONSTRAINT \"stuff_foo_int32\" "
                + "CHECK (\"foo\" BETWEEN -2147483648 AND 2147483647) NOT NULL, \"name\" TEXT, \"ok\" INTEGER, PRIMARY KEY (\"id\"))", db.createTableSql(STUFF));
    }

    @Test
    void theListenerSeesEveryStatementWithItsValues() {
        List<List<Object>> values = new ArrayList<>();
        try (Database listened = Database.builder().url("jdbc:sqlite:" + dir.resolve("test.db"))
                .listener((sql, kind, rows, first) -> values.add(first)).build()) {
            listened.execute(Sql.insertInto(STUFF).set(FOO, 77).set(NAME, "x"));
        }
        assertEquals(List.of(List.of(77, "x")), values);
        assertFalse(values.isEmpty());
        assertNotNull(db.dialect());
    }
}
