package io.athanor.test.kit;

/** The kit's {@link TransactionSuite} on MariaDB (skipped when the server does not answer; see {@link ServerTarget}). */
class MariaDbTransactionTest extends TransactionSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
