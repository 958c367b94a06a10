package io.athanor.test.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a cluster suite only with {@code ATHANOR_CLUSTER=1}; otherwise disables it with a reason that
 * says how to run it (a visible skip, plus one line on stderr per JVM). With the variable set, every
 * server of the cluster must answer: one that does not fails the suite, naming it (never a skip),
 * so CI cannot pass without having run these tests. {@code ATHANOR_CLUSTER_WAIT} (seconds, default
 * 0) lets the servers come up first: CI starts the cluster while the build runs.
 */
public final class ClusterCondition implements ExecutionCondition {
    private static final AtomicBoolean TOLD = new AtomicBoolean();
    private static volatile String checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"1".equals(System.getenv(Cluster.ENABLE))) {
            String reason = "cluster tests skipped: " + Cluster.ENABLE + " is not 1. Run scripts/cluster.sh start, then "
                    + Cluster.ENABLE + "=1 mvn -B -o verify -pl orm-sql,orm-core,orm-test (README, \"Running the cluster "
                    + "tests locally\"); .ci/run does both";
            if (TOLD.compareAndSet(false, true)) {
                System.err.println("[athanor-cluster] SKIPPED: " + reason);
            }
            return ConditionEvaluationResult.disabled(reason);
        }
        synchronized (ClusterCondition.class) {
            if (checked == null) {
                try {
                    checkServers();
                    checked = "";
                } catch (IllegalStateException e) {
                    checked = e.getMessage(); // said once; later suites fail at once with the same reason
                }
            }
        }
        if (!checked.isEmpty()) {
            throw new IllegalStateException(checked);
        }
        return ConditionEvaluationResult.enabled(Cluster.ENABLE + "=1");
    }

    /** Throws (failing the suite) naming every server that does not answer, after waiting up to ATHANOR_CLUSTER_WAIT s. */
    private static void checkServers() {
        String wait = System.getenv("ATHANOR_CLUSTER_WAIT");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(
                wait == null || wait.isEmpty() ? 0 : Long.parseLong(wait));
        List<String> down = serversDown();
        if (!down.isEmpty() && System.nanoTime() < deadline) {
            System.err.println("[athanor-cluster] waiting for the cluster (ATHANOR_CLUSTER_WAIT=" + wait + "): " + down);
        }
        while (!down.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            down = serversDown();
        }
        if (!down.isEmpty()) {
            throw new IllegalStateException(Cluster.ENABLE + "=1 but the cluster is not up: " + down
                    + ". Start it with scripts/cluster.sh start (status: scripts/cluster.sh status)");
        }
    }

    private static List<String> serversDown() {
        List<String> down = new ArrayList<>();
        for (int n = 1; n <= Cluster.galeraNodes().size(); n++) {
            check(Cluster.galeraNodeUrl(n, "test"), "root", down);
        }
        check("jdbc:postgresql://" + Cluster.pgPrimary() + "/test", "postgres", down);
        check("jdbc:postgresql://" + Cluster.pgStandby() + "/test", "postgres", down);
        return down;
    }

    /** A Galera node must also be part of the cluster and ready (wsrep_ready), not only accept connections. */
    private static void check(String url, String user, List<String> down) {
        try (Connection c = Cluster.connect(url, user); java.sql.Statement s = c.createStatement()) {
            if (url.startsWith("jdbc:mariadb")) {
                try (java.sql.ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'wsrep_ready'")) {
                    if (!rs.next() || !"ON".equals(rs.getString(2))) {
                        down.add(url + " (wsrep_ready is not ON)");
                    }
                }
            } else {
                s.execute("SELECT 1");
            }
        } catch (SQLException e) {
            down.add(url + " (" + e.getMessage() + ")");
        }
    }
}
