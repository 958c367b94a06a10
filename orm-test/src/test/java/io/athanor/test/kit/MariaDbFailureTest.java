package io.athanor.test.kit;

/** The kit's {@link FailureSuite} on MariaDB (skipped when the server does not answer; see {@link ServerTarget}). */
class MariaDbFailureTest extends FailureSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
