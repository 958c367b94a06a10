package io.athanor.samples;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.orm.Synchronize;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's main job: the article's ways of adding 1 to a column of every row, side by side,
 * each timed from the same starting data and verified. (1) load every object and change it;
 * (2) one bulk UPDATE through the ORM, in each synchronize mode, with 10% of the rows loaded in
 * the session; (3) the same statement through the SQL layer; (4) raw JDBC, for reference.
 * Exits 1 if any method produced a wrong value, 2 on bad options.
 */
public final class UpdateMethods {
    private final Options options;
    private PrintStream out;
    private final SqlLog log = new SqlLog();
    private final List<Result> results = new ArrayList<>();
    private Database database;
    private SessionFactory factory;
    private StuffTable table;

    private UpdateMethods(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the job and returns the exit code. */
    static int run(String[] args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage().isEmpty() ? Options.USAGE : e.getMessage() + "\n" + Options.USAGE);
            return e.getMessage().isEmpty() ? 0 : 2;
        }
        try {
            return new UpdateMethods(options, out).runAll();
        } catch (SqlException e) {
            out.println("FAILED: " + e.getMessage());
            return 1;
        }
    }

    private static final int METHODS = 4 + Synchronize.values().length;

    private int runAll() {
        open();
        try {
            out.printf("Athanor: adding 1 to foo in %,d rows of stuff (%s)%n", options.rows(), options.url());
            out.print("warming up the JVM on a small table first, so that no method pays for the JIT compiler...");
            PrintStream real = out;
            StuffTable full = table;
            table = new StuffTable(database, Math.min(options.rows(), WARM_UP_ROWS));
            runMethods(new PrintStream(java.io.OutputStream.nullOutputStream()));
            results.clear();
            table = full;
            real.println(" done\n");
            runMethods(real);
            return Report.print(out, results, options.rows());
        } finally {
            factory.close();
            database.close();
        }
    }

    private static final int WARM_UP_ROWS = 5_000;

    private void runMethods(PrintStream to) {
        PrintStream saved = out;
        out = to;
        try {
            method("1. ORM: load every object, foo += 1, commit", this::iterate);
            for (Synchronize mode : Synchronize.values()) {
                method("2. ORM bulk update, Synchronize." + mode + " (10% loaded)", sw -> bulk(sw, mode));
            }
            method("3. SQL layer: session.execute(Sql.update(...))", this::sqlLayer);
            method("4. raw JDBC: UPDATE stuff SET foo = foo + 1", this::rawJdbc);
            method("5. ORM bulk update across a relationship, AUTO (10% loaded)", this::acrossRelationship);
        } finally {
            out = saved;
        }
    }

    private void open() {
        Path file = options.sqliteFile();
        if (file != null) {
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(Path.of(file + "-wal"));
                Files.deleteIfExists(Path.of(file + "-shm"));
            } catch (java.io.IOException e) {
                throw new SqlException("cannot recreate " + file + ": " + e.getMessage(), e);
            }
        }
        database = Database.builder().url(options.url()).username(options.user()).password(options.password())
                .listener(log).build();
        factory = SessionFactory.builder().database(database).entities(Stuff.class, Shelf.class).build();
        factory.createTables();
        factory.schema().validate(); // a stuff table of an older run (without shelf_id) is named, with the DDL to fix it
        table = new StuffTable(database, options.rows());
    }

    private interface Work {
        /** Runs the method, timing only its own work on {@code sw}; returns what was wrong. */
        List<String> run(Stopwatch sw) throws SQLException;
    }

    private void method(String name, Work work) {
        out.printf("[%d/%d] %s%n      resetting %,d rows...", results.size() + 1, METHODS, name, table.rows());
        table.reset();
        out.print(" running...");
        log.start();
        Stopwatch sw = new Stopwatch(log);
        List<String> problems;
        try {
            problems = new ArrayList<>(work.run(sw));
        } catch (SQLException | RuntimeException e) {
            problems = new ArrayList<>(List.of("failed: " + e));
        }
        List<SqlLog.Entry> sql = log.stop();
        long wrong = table.wrongRows();
        if (wrong > 0) {
            problems.add(wrong + " rows do not have foo = start + 1");
        }
        out.printf(" %,d ms %s%n", sw.millis(), problems.isEmpty() ? "ok" : "WRONG: " + problems);
        if (options.explain()) {
            out.println(SqlLog.summary(sql).indent(6).stripTrailing());
        }
        results.add(new Result(name, sw.nanos(), problems));
    }

    private List<String> iterate(Stopwatch sw) {
        try (Session s = factory.openSession()) {
            sw.start();
            List<Stuff> all = s.query(Stuff.class).list();
            for (Stuff stuff : all) {
                stuff.setFoo(stuff.getFoo() + 1);
            }
            s.commit();
            sw.stop();
        }
        return List.of();
    }

    private List<String> bulk(Stopwatch sw, Synchronize mode) {
        List<String> problems = new ArrayList<>();
        try (Session s = factory.openSession()) {
            List<Stuff> loaded = s.query(Stuff.class).where(Stuff_.id.mod(10).eq(0L)).list();
            Map<Stuff, Integer> before = new HashMap<>();
            loaded.forEach(o -> before.put(o, o.getFoo()));
            sw.start();
            long n = s.query(Stuff.class).update(Map.of(Stuff_.foo, Stuff_.foo.plus(1)), mode);
            sw.stop();
            if (n != table.rows()) {
                problems.add("matched " + n + " rows, expected " + table.rows());
            }
            int delta = mode == Synchronize.NONE ? 0 : 1; // NONE promises nothing: loaded objects stay stale
            long stale = before.entrySet().stream().filter(e -> e.getKey().getFoo() != e.getValue() + delta).count();
            if (stale > 0) {
                problems.add(stale + " of " + loaded.size() + " loaded objects do not show what " + mode + " promises");
            }
            sw.start();
            s.commit();
            sw.stop();
            long notFresh = loaded.stream().filter(o -> o.getFoo() != StuffTable.initialFoo(o.getId()) + 1).count();
            if (notFresh > 0) {
                problems.add(notFresh + " loaded objects are stale after commit");
            }
        }
        return problems;
    }

    /**
     * The criteria reach through {@code stuff.shelf} ({@code shelf_id IN (SELECT id FROM shelf WHERE
     * floor < 5)}); with the shelves loaded, AUTO evaluates them in Java on the loaded stuff, so the
     * statement is the only SQL of the method and the loaded objects show the new values at once.
     */
    private List<String> acrossRelationship(Stopwatch sw) {
        List<String> problems = new ArrayList<>();
        try (Session s = factory.openSession()) {
            List<Stuff> loaded = s.query(Stuff.class).where(Stuff_.id.mod(10).eq(0L)).load(Stuff_.shelf).list();
            Map<Stuff, Integer> before = new HashMap<>();
            loaded.forEach(o -> before.put(o, o.getFoo()));
            sw.start();
            long n = s.query(Stuff.class).where(Stuff_.shelf.has(Shelf_.floor.lt(StuffTable.FLOORS)))
                    .update(Map.of(Stuff_.foo, Stuff_.foo.plus(1)), Synchronize.AUTO);
            sw.stop();
            if (n != table.rows()) {
                problems.add("matched " + n + " rows, expected " + table.rows());
            }
            long stale = before.entrySet().stream().filter(e -> e.getKey().getFoo() != e.getValue() + 1).count();
            if (stale > 0) {
                problems.add(stale + " of " + loaded.size() + " loaded objects do not show the new value");
            }
            long moved = loaded.stream().filter(o -> o.getShelf().getId() != 1L + o.getId() % StuffTable.SHELVES).count();
            if (moved > 0) {
                problems.add(moved + " loaded objects lost their shelf");
            }
            sw.start();
            s.commit();
            sw.stop();
        }
        return problems;
    }

    private List<String> sqlLayer(Stopwatch sw) {
        try (Session s = factory.openSession()) {
            sw.start();
            long n = s.execute(Sql.update(Stuff_.TABLE).set(Stuff_.foo, Stuff_.foo.plus(1)));
            s.commit();
            sw.stop();
            return n == table.rows() ? List.of() : List.of("updated " + n + " rows");
        }
    }

    private List<String> rawJdbc(Stopwatch sw) throws SQLException {
        String sql = "UPDATE stuff SET foo = foo + 1";
        try (Connection c = database.dataSource().getConnection()) {
            sw.start();
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                n = ps.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            log.recordTimed(sql + "   (raw JDBC, not through Athanor)");
            sw.stop();
            return n == table.rows() ? List.of() : List.of("updated " + n + " rows");
        }
    }

    /** One method's outcome. */
    record Result(String name, long nanos, List<String> problems) {
    }

    /**
     * Accumulates the time of the parts of a method that are measured, and tells the SQL log where
     * they begin and end so that --explain shows the method's SQL apart from the job's own.
     */
    static final class Stopwatch {
        private final SqlLog log;
        private long total;
        private long started;

        Stopwatch(SqlLog log) {
            this.log = log;
        }

        void start() {
            log.timing(true);
            started = System.nanoTime();
        }

        void stop() {
            total += System.nanoTime() - started;
            log.timing(false);
        }

        long nanos() {
            return total;
        }

        long millis() {
            return total / 1_000_000;
        }
    }
}
