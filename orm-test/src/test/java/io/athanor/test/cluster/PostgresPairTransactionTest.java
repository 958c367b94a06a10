package io.athanor.test.cluster;

import io.athanor.test.kit.TransactionSuite;
import io.athanor.test.kit.KitTarget;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's {@link TransactionSuite} on the PostgreSQL primary, chosen from the standby-first multi-host URL by targetServerType=primary; runs with ATHANOR_CLUSTER=1 (see {@link ClusterCondition}). */
@ExtendWith(ClusterCondition.class)
class PostgresPairTransactionTest extends TransactionSuite {
    @Override
    protected KitTarget target() {
        return Cluster.postgresPrimaryTarget();
    }
}
