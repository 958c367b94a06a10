package io.athanor.test.cluster;

import io.athanor.test.kit.TransactionSuite;
import io.athanor.test.kit.KitTarget;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's {@link TransactionSuite} on the Galera cluster through Connector/J's failover URL (jdbc:mariadb:sequential://node1,node2,node3/...); runs with ATHANOR_CLUSTER=1 (see {@link ClusterCondition}). */
@ExtendWith(ClusterCondition.class)
class GaleraTransactionTest extends TransactionSuite {
    @Override
    protected KitTarget target() {
        return Cluster.galeraTarget();
    }
}
