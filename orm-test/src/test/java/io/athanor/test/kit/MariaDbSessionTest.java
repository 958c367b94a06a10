package io.athanor.test.kit;

/** The kit's {@link SessionSuite} on MariaDB (skipped when the server does not answer; see {@link ServerTarget}). */
class MariaDbSessionTest extends SessionSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
