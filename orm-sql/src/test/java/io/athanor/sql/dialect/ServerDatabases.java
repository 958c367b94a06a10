package io.athanor.sql.dialect;

import io.athanor.sql.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A scratch database on a real PostgreSQL or MariaDB server, for one test class: a schema (PostgreSQL)
 * or database (MariaDB) named {@code athanor_<random>}, created on open and dropped on close, so
 * concurrent runs never see each other's tables. Servers come from the environment:
 * {@code ATHANOR_PG_URL}, {@code ATHANOR_PG_USER}, {@code ATHANOR_PG_PASSWORD} and
 * {@code ATHANOR_MARIADB_URL}, {@code ATHANOR_MARIADB_USER}, {@code ATHANOR_MARIADB_PASSWORD}, with
 * local defaults. A server that does not answer within about 3 s skips the test (with the reason on
 * stderr), unless {@code ATHANOR_REQUIRE_SERVERS=1}, which makes it a failure.
 */
public final class ServerDatabases implements AutoCloseable {
    /** The servers the tests know. */
    public enum Server {
        POSTGRESQL("PostgreSQL", "ATHANOR_PG", "jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
        MARIADB("MariaDB", "ATHANOR_MARIADB", "jdbc:mariadb://127.0.0.1:3306/test", "root");

        final String label;
        final String url;
        final String user;
        final String password;

        Server(String label, String env, String defaultUrl, String defaultUser) {
            this.label = label;
            this.url = env(env + "_URL", defaultUrl);
            this.user = env(env + "_USER", defaultUser);
            this.password = env(env + "_PASSWORD", "");
        }
    }

    private static final int TIMEOUT_SECONDS = 3;
    /** Servers found down in this JVM, with the reason: later classes skip at once instead of waiting again. */
    private static final java.util.Map<Server, SQLException> DOWN = new java.util.concurrent.ConcurrentHashMap<>();

    private final Server server;
    private final String schema;
    private final Database database;

    private ServerDatabases(Server server, String schema, Database database) {
        this.server = server;
        this.schema = schema;
        this.database = database;
    }

    /** Creates a scratch schema on {@code server} and opens a pooled Database on it; skips or fails if it is down. */
    public static ServerDatabases open(Server server) {
        String schema = "athanor_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        if (DOWN.containsKey(server)) {
            unavailable(server, DOWN.get(server));
        }
        try (Connection c = connect(server, server.url); Statement s = c.createStatement()) {
            s.execute(server == Server.POSTGRESQL ? "CREATE SCHEMA " + schema
                    : "CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            DOWN.put(server, e);
            unavailable(server, e);
        }
        String url = server == Server.POSTGRESQL ? server.url + (server.url.contains("?") ? "&" : "?") + "currentSchema=" + schema
                : withDatabase(server.url, schema);
        Database db = Database.builder().url(url).username(server.user).password(server.password).maximumPoolSize(4).build();
        return new ServerDatabases(server, schema, db);
    }

    public Database db() {
        return database;
    }

    public Server server() {
        return server;
    }

    /** The scratch schema's (PostgreSQL) or database's (MariaDB) name. */
    public String schema() {
        return schema;
    }

    /** Drops every table of the scratch schema, so each test starts empty. */
    public void dropTables() {
        String list = server == Server.POSTGRESQL ? "SELECT tablename FROM pg_tables WHERE schemaname = ?"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = ?";
        try (Connection c = connect(server, server.url)) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(list)) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                for (String t : tables) {
                    s.execute("DROP TABLE " + database.dialect().quote(schema) + "." + database.dialect().quote(t));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the tables of " + schema + ": " + e.getMessage(), e);
        }
    }

    /** Closes the pool and drops the scratch schema with everything in it. */
    @Override
    public void close() {
        database.close();
        try (Connection c = connect(server, server.url); Statement s = c.createStatement()) {
            s.execute(server == Server.POSTGRESQL ? "DROP SCHEMA " + schema + " CASCADE" : "DROP DATABASE " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + schema + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Server server, String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", server.user);
        p.setProperty("password", server.password);
        // pgjdbc counts in seconds, Connector/J in milliseconds.
        if (server == Server.POSTGRESQL) {
            p.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
            p.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        } else {
            p.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS * 1000));
        }
        return DriverManager.getConnection(url, p);
    }

    private static void unavailable(Server server, SQLException e) {
        String reason = server.label + " at " + server.url + " (user " + server.user + ") is unavailable (refused, or no answer"
                + " within " + TIMEOUT_SECONDS + " s): " + e.getMessage();
        if ("1".equals(System.getenv("ATHANOR_REQUIRE_SERVERS"))) {
            System.err.println("[athanor] FAILING: " + reason + " (ATHANOR_REQUIRE_SERVERS=1)");
            Assertions.fail(reason + " (ATHANOR_REQUIRE_SERVERS=1 requires it)", e);
        }
        System.err.println("[athanor] SKIPPED: " + reason + ". Set ATHANOR_REQUIRE_SERVERS=1 to fail instead.");
        Assumptions.abort(reason + ". Set ATHANOR_REQUIRE_SERVERS=1 to fail instead.");
    }

    /** The URL with its database path replaced: {@code jdbc:mariadb://host:port/db?options}. */
    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int query = url.indexOf('?', hostStart);
        int end = query < 0 ? url.length() : query;
        int slash = url.indexOf('/', hostStart);
        int pathStart = slash < 0 || slash > end ? end : slash;
        return url.substring(0, pathStart) + "/" + database + url.substring(end);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
