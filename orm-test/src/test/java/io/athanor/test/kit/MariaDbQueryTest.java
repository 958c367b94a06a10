package io.athanor.test.kit;

/** The kit's {@link QuerySuite} on MariaDB (skipped when the server does not answer; see {@link ServerTarget}). */
class MariaDbQueryTest extends QuerySuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
