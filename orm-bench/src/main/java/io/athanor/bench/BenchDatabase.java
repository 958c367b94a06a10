package io.athanor.bench;

import io.athanor.orm.SessionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Fresh SQLite files for the benchmarks: one template per row count, built once per JVM (table made by
 * {@link SessionFactory#createTables()}, rows 1..N inserted in one transaction and checkpointed), and
 * copied to a new file for every measured operation. Every connection, ORM or JDBC, comes from the
 * same {@link io.athanor.sql.Database} pool, so both use the SQLite dialect's pragmas (WAL,
 * synchronous=NORMAL, foreign_keys, busy_timeout). With {@code athanor.bench.url} (or
 * {@code ATHANOR_BENCH_URL}) set, the table lives on that server instead: see {@link ServerBench}.
 */
public final class BenchDatabase {
    private static final Path DIR;
    private static final Map<Integer, Path> TEMPLATES = new HashMap<>();
    private static final AtomicInteger COPIES = new AtomicInteger();

    static {
        try {
            String base = System.getProperty("athanor.bench.dir");
            DIR = base != null ? Files.createDirectories(Path.of(base)) : Files.createTempDirectory("athanor-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BenchDatabase() {
    }

    /** The name every benchmark row gets: {@code "stuff <id>"}. */
    public static String name(long id) {
        return "stuff " + id;
    }

    /** A new file holding the N-row table, and a factory on it. Close with {@link Fresh#close()}. */
    public static Fresh fresh(int n) {
        ServerBench server = ServerBench.get();
        if (server != null) {
            server.reset(n);
            return new Fresh(null, server.factory());
        }
        Path template = template(n);
        Path file = DIR.resolve("run-" + ProcessHandle.current().pid() + "-" + COPIES.incrementAndGet() + ".db");
        try {
            Files.copy(template, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Fresh(file, factory(file));
    }

    static SessionFactory factory(Path file) {
        return SessionFactory.builder().url("jdbc:sqlite:" + file).entities(Stuff.class).build();
    }

    static synchronized Path template(int n) {
        Path t = TEMPLATES.get(n);
        if (t != null) {
            return t;
        }
        t = DIR.resolve("template-" + ProcessHandle.current().pid() + "-" + n + ".db");
        try {
            Files.deleteIfExists(t);
            try (SessionFactory sf = factory(t)) {
                sf.createTables();
                try (Connection c = sf.database().dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO stuff (id, foo, name, version) VALUES (?, ?, ?, ?)")) {
                        for (long id = 1; id <= n; id++) {
                            ps.setLong(1, id);
                            ps.setInt(2, (int) (id % 100));
                            ps.setString(3, name(id));
                            ps.setInt(4, 1);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    c.commit();
                    c.setAutoCommit(true);
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                    }
                }
            }
            deleteSidecars(t);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot build the " + n + "-row template " + t + ": " + e, e);
        }
        t.toFile().deleteOnExit();
        TEMPLATES.put(n, t);
        return t;
    }

    /** Loads every row as plain objects with one prepared SELECT: the JDBC side of W1, W4, W6. */
    public static List<PlainStuff> loadAll(Connection c) throws SQLException {
        List<PlainStuff> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, foo, name, version FROM stuff");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(new PlainStuff(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getInt(4)));
            }
        }
        return all;
    }

    /**
     * Writes the changed objects with one batched, version-checked UPDATE of foo (what a careful
     * hand-written JDBC program does): the JDBC side of W1 and W6.
     */
    public static void updateFoo(Connection c, List<PlainStuff> changed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE stuff SET foo = ?, version = ? WHERE id = ? AND version = ?")) {
            for (PlainStuff p : changed) {
                ps.setInt(1, p.foo);
                ps.setInt(2, p.version + 1);
                ps.setLong(3, p.id);
                ps.setInt(4, p.version);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 1) {
                    throw new IllegalStateException("row " + changed.get(i).id + " matched " + counts[i]);
                }
                changed.get(i).version++;
            }
        }
    }

    /** The JDBC W2 statement: what the ORM's bulk update of {@code foo = foo + 1} sends (it bumps the version too). */
    public static long bulkUpdate(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE stuff SET foo = foo + ?, version = version + ?")) {
            ps.setInt(1, 1);
            ps.setInt(2, 1);
            return ps.executeUpdate();
        }
    }

    private static void deleteSidecars(Path db) throws IOException {
        Files.deleteIfExists(Path.of(db + "-wal"));
        Files.deleteIfExists(Path.of(db + "-shm"));
        Files.deleteIfExists(Path.of(db + "-journal"));
    }

    /** A fresh copy of a template and the factory (pool) on it. */
    public static final class Fresh implements AutoCloseable {
        /** The SQLite file, or null on a server. */
        public final Path file;
        public final SessionFactory sessionFactory;

        Fresh(Path file, SessionFactory sessionFactory) {
            this.file = file;
            this.sessionFactory = sessionFactory;
        }

        public DataSource dataSource() {
            return sessionFactory.database().dataSource();
        }

        @Override
        public void close() {
            if (file == null) {
                return; // a server's table: the factory (pool) serves every call of the JVM
            }
            sessionFactory.close();
            try {
                deleteSidecars(file);
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
