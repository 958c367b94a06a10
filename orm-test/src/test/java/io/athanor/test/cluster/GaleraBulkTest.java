package io.athanor.test.cluster;

import io.athanor.test.kit.BulkSuite;
import io.athanor.test.kit.KitTarget;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's {@link BulkSuite} on the Galera cluster through Connector/J's failover URL (jdbc:mariadb:sequential://node1,node2,node3/...); runs with ATHANOR_CLUSTER=1 (see {@link ClusterCondition}). */
@ExtendWith(ClusterCondition.class)
class GaleraBulkTest extends BulkSuite {
    @Override
    protected KitTarget target() {
        return Cluster.galeraTarget();
    }
}
