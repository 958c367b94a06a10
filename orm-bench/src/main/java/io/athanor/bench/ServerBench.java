package io.athanor.bench;

import io.athanor.orm.SessionFactory;
import io.athanor.sql.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/**
 * The benchmarks on a server database instead of SQLite files: chosen by the system property
 * {@code athanor.bench.url} or the environment variable {@code ATHANOR_BENCH_URL} (the environment
 * reaches JMH's forked JVMs; {@code scripts/bench.sh --url} sets it), with {@code athanor.bench.user} /
 * {@code ATHANOR_BENCH_USER} and {@code ..._PASSWORD}. Each JVM works in a scratch schema
 * (PostgreSQL) or database (MariaDB) {@code athanor_bench_<pid>}, dropped when the JVM exits. One
 * pool serves the ORM and the JDBC floors alike, so both use the dialect's connection properties
 * and whatever the URL sets (e.g. pgjdbc's {@code reWriteBatchedInserts=true}). A fresh N-row table
 * for each measured call is {@code TRUNCATE} plus a server-side copy of a template table made once
 * per N, so it has no dead rows and its key counter continues after N.
 */
final class ServerBench {
    private static ServerBench instance;

    private final String baseUrl;
    private final String user;
    private final String password;
    private final boolean postgres;
    private final String scratch;
    private final SessionFactory factory;
    private final Set<Integer> templates = new HashSet<>();

    private ServerBench(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.postgres = baseUrl.startsWith("jdbc:postgresql:");
        this.scratch = "athanor_bench_" + ProcessHandle.current().pid();
        admin((postgres ? "CREATE SCHEMA " : "CREATE DATABASE ") + scratch);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> admin(postgres ? "DROP SCHEMA IF EXISTS " + scratch + " CASCADE"
                : "DROP DATABASE IF EXISTS " + scratch)));
        String url = postgres ? baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + scratch
                : withDatabase(baseUrl, scratch);
        Database.Builder b = Database.builder().url(url).maximumPoolSize(4);
        if (user != null) {
            b.username(user);
        }
        if (password != null) {
            b.password(password);
        }
        this.factory = SessionFactory.builder().database(b.build()).entities(Stuff.class).build();
        factory.createTables();
    }

    /** The server target when a URL is set, else null (SQLite files). */
    static synchronized ServerBench get() {
        String url = setting("athanor.bench.url", "ATHANOR_BENCH_URL");
        if (url == null) {
            return null;
        }
        if (instance == null) {
            instance = new ServerBench(url, setting("athanor.bench.user", "ATHANOR_BENCH_USER"),
                    setting("athanor.bench.password", "ATHANOR_BENCH_PASSWORD"));
        }
        return instance;
    }

    /** True when the benchmarks run on a server (some JDBC floors differ: batch generated keys). */
    static boolean active() {
        return setting("athanor.bench.url", "ATHANOR_BENCH_URL") != null;
    }

    SessionFactory factory() {
        return factory;
    }

    /** Makes {@code stuff} hold rows 1..n again (ids, foo = id % 100, names, version 1). */
    synchronized void reset(int n) {
        try (Connection c = factory.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            if (templates.add(n)) {
                s.execute("DROP TABLE IF EXISTS stuff_template_" + n);
                s.execute("CREATE TABLE stuff_template_" + n + " AS SELECT * FROM stuff WHERE 1 = 0");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO stuff_template_" + n
                        + " (id, foo, name, version) VALUES (?, ?, ?, ?)")) {
                    c.setAutoCommit(false);
                    for (long id = 1; id <= n; id++) {
                        ps.setLong(1, id);
                        ps.setInt(2, (int) (id % 100));
                        ps.setString(3, BenchDatabase.name(id));
                        ps.setInt(4, 1);
                        ps.addBatch();
                        if (id % 10_000 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
            s.execute(postgres ? "TRUNCATE stuff RESTART IDENTITY" : "TRUNCATE TABLE stuff");
            s.execute("INSERT INTO stuff (id, foo, name, version) SELECT id, foo, name, version FROM stuff_template_" + n);
            if (postgres) {
                s.execute("SELECT setval(pg_get_serial_sequence('stuff', 'id'), " + n + ")");
                s.execute("ANALYZE stuff");
            } else {
                s.execute("ANALYZE TABLE stuff");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the " + n + "-row table in " + scratch + ": " + e, e);
        }
    }

    private void admin(String sql) {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(baseUrl, p); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on " + baseUrl + ": " + e, e);
        }
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isEmpty()) {
            v = System.getenv(env);
        }
        return v == null || v.isEmpty() ? null : v;
    }

    /** {@code jdbc:mariadb://host:port/db?options} with another database. */
    private static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int query = url.indexOf('?', hostStart);
        int end = query < 0 ? url.length() : query;
        int slash = url.indexOf('/', hostStart);
        int pathStart = slash < 0 || slash > end ? end : slash;
        return url.substring(0, pathStart) + "/" + database + url.substring(end);
    }
}
