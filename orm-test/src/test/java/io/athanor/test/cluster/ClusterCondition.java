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
 * so CI cannot pass without having run these tests.
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
        if (checked == null) {
            checkServers();
            checked = "ok";
        }
        return ConditionEvaluationResult.enabled(Cluster.ENABLE + "=1");
    }

    /** Throws (failing the suite) naming every server that does not answer. */
    private static void checkServers() {
        List<String> down = new ArrayList<>();
        for (int n = 1; n <= Cluster.galeraNodes().size(); n++) {
            check(Cluster.galeraNodeUrl(n, "test"), "root", down);
        }
        check("jdbc:postgresql://" + Cluster.pgPrimary() + "/test", "postgres", down);
        check("jdbc:postgresql://" + Cluster.pgStandby() + "/test", "postgres", down);
        if (!down.isEmpty()) {
            throw new IllegalStateException(Cluster.ENABLE + "=1 but the cluster is not up: " + down
                    + ". Start it with scripts/cluster.sh start (status: scripts/cluster.sh status)");
        }
    }

    private static void check(String url, String user, List<String> down) {
        try (Connection c = Cluster.connect(url, user)) {
            c.isValid(3);
        } catch (SQLException e) {
            down.add(url + " (" + e.getMessage() + ")");
        }
    }
}
