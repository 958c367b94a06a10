package io.athanor.test.kit;

/** The kit's {@link FaultSuite} on MariaDB (skipped when the server does not answer; see {@link ServerTarget}). */
class MariaDbFaultTest extends FaultSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
