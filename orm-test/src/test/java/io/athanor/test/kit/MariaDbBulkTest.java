package io.athanor.test.kit;

/** The kit's {@link BulkSuite} on MariaDB (skipped when the server does not answer; see {@link ServerTarget}). */
class MariaDbBulkTest extends BulkSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
