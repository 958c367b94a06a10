package io.athanor.test.kit;

/** The kit's {@link GeneratedKeySuite} on MariaDB (skipped when the server does not answer). */
class MariaDbGeneratedKeyTest extends GeneratedKeySuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
