package io.athanor.test.kit;

import io.athanor.sql.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A target on a database server: each {@link #open} creates a scratch schema or database named
 * {@code athanor_kit_<random>} (so concurrent runs never see each other's tables) and {@link #close}
 * drops them all. Connection settings come from the environment ({@code <PREFIX>_URL},
 * {@code <PREFIX>_USER}, {@code <PREFIX>_PASSWORD}) with defaults. A server that refuses or does not
 * answer within {@value #TIMEOUT_SECONDS} s makes {@code open} abort the test (a visible JUnit skip,
 * plus one line on stderr), or fail it when {@code ATHANOR_REQUIRE_SERVERS=1}. A server found down
 * is remembered for the JVM, so later tests skip at once.
 */
public final class ServerTarget implements KitTarget {
    /** Seconds to wait for a server before calling it unavailable. */
    public static final int TIMEOUT_SECONDS = 3;
    /** Environment variable that turns an unavailable server from a skip into a failure. */
    public static final String REQUIRE_SERVERS = "ATHANOR_REQUIRE_SERVERS";

    /**
     * How one kind of server makes, reaches and drops a scratch namespace (the only server-specific
     * part of a target): PostgreSQL uses schemas, MariaDB databases.
     */
    public interface Scratch {
        /** The SQL that creates the namespace {@code name} (a plain lowercase identifier). */
        String createSql(String name);

        /** The SQL that drops it with everything in it. */
        String dropSql(String name);

        /** The JDBC URL whose connections work in that namespace. */
        String urlFor(String baseUrl, String name);

        /** Driver properties that bound connecting to {@code seconds} (drivers count in different units). */
        Properties timeoutProperties(int seconds);
    }

    private static final Map<String, Exception> DOWN = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final Scratch scratch;
    private final List<String> made = new ArrayList<>();

    /**
     * @param name a short name for messages, e.g. {@code postgresql}
     * @param envPrefix the environment variables' prefix, e.g. {@code ATHANOR_PG}
     * @param defaultUrl the URL when {@code <envPrefix>_URL} is unset
     * @param defaultUser the user when {@code <envPrefix>_USER} is unset (the password defaults to empty)
     * @param scratch how this server makes scratch namespaces
     */
    public ServerTarget(String name, String envPrefix, String defaultUrl, String defaultUser, Scratch scratch) {
        this.name = name;
        this.url = env(envPrefix + "_URL", defaultUrl);
        this.user = env(envPrefix + "_USER", defaultUser);
        this.password = env(envPrefix + "_PASSWORD", "");
        this.scratch = scratch;
    }

    @Override
    public String name() {
        return name;
    }

    /** The server's base URL (from the environment or the default). */
    public String url() {
        return url;
    }

    /** The user the target connects as. */
    public String user() {
        return user;
    }

    /** The password the target connects with. */
    public String password() {
        return password;
    }

    @Override
    public Database open(Consumer<Database.Builder> settings) {
        String schema = "athanor_kit_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        Exception down = DOWN.get(url);
        if (down != null) {
            unavailable(down, false);
        }
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(scratch.createSql(schema));
        } catch (SQLException e) {
            unavailable(e, DOWN.putIfAbsent(url, e) == null);
        }
        synchronized (made) {
            made.add(schema);
        }
        Database.Builder b = Database.builder().url(scratch.urlFor(url, schema)).username(user).password(password)
                .maximumPoolSize(4);
        settings.accept(b);
        return b.build();
    }

    /** Drops every scratch namespace this target made; the kit has closed their databases by now. */
    @Override
    public void close() {
        List<String> schemas;
        synchronized (made) {
            schemas = List.copyOf(made);
            made.clear();
        }
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute(scratch.dropSql(schema));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the scratch namespaces " + schemas + " on " + url + ": "
                    + e.getMessage(), e);
        }
    }

    /** A plain JDBC connection to the base URL, bounded by {@value #TIMEOUT_SECONDS} s. */
    public Connection connect(String jdbcUrl) throws SQLException {
        Properties p = scratch.timeoutProperties(TIMEOUT_SECONDS);
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl, p);
    }

    /** Skips (or fails) the test; the stderr line is printed once per server and JVM, the JUnit reason every time. */
    private void unavailable(Exception e, boolean firstTime) {
        String reason = name + " at " + url + " (user " + user + ") is unavailable (refused, or no answer within "
                + TIMEOUT_SECONDS + " s): " + e.getMessage();
        if ("1".equals(System.getenv(REQUIRE_SERVERS))) {
            if (firstTime) {
                System.err.println("[athanor-kit] FAILING: " + reason + " (" + REQUIRE_SERVERS + "=1)");
            }
            Assertions.fail(reason + " (" + REQUIRE_SERVERS + "=1 requires it)", e);
        }
        if (firstTime) {
            System.err.println("[athanor-kit] SKIPPED: " + reason + ". Set " + REQUIRE_SERVERS + "=1 to fail instead.");
        }
        Assumptions.abort(reason + ". Set " + REQUIRE_SERVERS + "=1 to fail instead.");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    @Override
    public String toString() {
        return name + " at " + url;
    }
}
