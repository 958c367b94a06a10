package io.athanor.test.cluster;

import io.athanor.test.kit.KitTargets;
import io.athanor.test.kit.ServerTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The servers {@code scripts/cluster.sh start} runs: three MariaDB Galera nodes and a PostgreSQL
 * primary with a streaming standby. Addresses come from {@code ATHANOR_GALERA_NODES} (comma-separated
 * host:port, default 127.0.0.1:3311-3313), {@code ATHANOR_PG_PRIMARY} and {@code ATHANOR_PG_STANDBY}
 * (host:port, default 127.0.0.1:5441 and :5442). The suites using it are skipped with a message
 * unless {@code ATHANOR_CLUSTER=1} (see {@link ClusterCondition}).
 */
final class Cluster {
    /** The variable that turns the cluster suites on. */
    static final String ENABLE = "ATHANOR_CLUSTER";

    private Cluster() {
    }

    static List<String> galeraNodes() {
        return List.of(env("ATHANOR_GALERA_NODES", "127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313").split(","));
    }

    /** Node {@code n} (1-based) alone: {@code jdbc:mariadb://host:port/db}. */
    static String galeraNodeUrl(int n, String database) {
        return "jdbc:mariadb://" + galeraNodes().get(n - 1) + "/" + database;
    }

    /** Every node, tried in order: Connector/J's failover URL for a Galera cluster. */
    static String galeraSequentialUrl(String database) {
        return "jdbc:mariadb:sequential://" + String.join(",", galeraNodes()) + "/" + database;
    }

    static String pgPrimary() {
        return env("ATHANOR_PG_PRIMARY", "127.0.0.1:5441");
    }

    static String pgStandby() {
        return env("ATHANOR_PG_STANDBY", "127.0.0.1:5442");
    }

    /** The kit's target on the Galera cluster, through the failover URL (scratch databases replicate to every node). */
    static ServerTarget galeraTarget() {
        return new ServerTarget("galera", "ATHANOR_GALERA", galeraSequentialUrl("test"), "root", KitTargets.MARIADB_DATABASES);
    }

    /** The kit's target on the PostgreSQL pair through pgjdbc's multi-host URL, standby first: the primary is chosen. */
    static ServerTarget postgresPrimaryTarget() {
        return new ServerTarget("postgresql-pair", "ATHANOR_PG_PAIR", "jdbc:postgresql://" + pgStandby() + "," + pgPrimary()
                + "/test?targetServerType=primary", "postgres", KitTargets.POSTGRESQL_SCHEMAS);
    }

    /** A plain JDBC connection (for checks and setup, not for the code under test). */
    static Connection connect(String url, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", "");
        p.setProperty("connectTimeout", url.startsWith("jdbc:mariadb") ? "3000" : "3");
        return DriverManager.getConnection(url, p);
    }

    /** Runs {@code scripts/cluster.sh args...} and fails with its output unless it succeeds. */
    static void script(String... args) {
        List<String> command = new ArrayList<>();
        command.add(scriptPath().toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("athanor-cluster", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in 180 s: " + Files.readString(out));
            }
            String output = Files.readString(out);
            Files.deleteIfExists(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (" + p.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** {@code ATHANOR_CLUSTER_SCRIPT}, else scripts/cluster.sh of the checkout (tests run in orm-test/). */
    static Path scriptPath() {
        String given = System.getenv("ATHANOR_CLUSTER_SCRIPT");
        if (given != null && !given.isEmpty()) {
            return Paths.get(given);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("scripts/cluster.sh");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("scripts/cluster.sh not found above " + Paths.get("").toAbsolutePath()
                + "; set ATHANOR_CLUSTER_SCRIPT");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
