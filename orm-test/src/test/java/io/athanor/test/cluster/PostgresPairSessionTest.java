package io.athanor.test.cluster;

import io.athanor.test.kit.SessionSuite;
import io.athanor.test.kit.KitTarget;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's {@link SessionSuite} on the PostgreSQL primary, chosen from the standby-first multi-host URL by targetServerType=primary; runs with ATHANOR_CLUSTER=1 (see {@link ClusterCondition}). */
@ExtendWith(ClusterCondition.class)
class PostgresPairSessionTest extends SessionSuite {
    @Override
    protected KitTarget target() {
        return Cluster.postgresPrimaryTarget();
    }
}
