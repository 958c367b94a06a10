package io.athanor.test.kit;

/** The kit's {@link MappingSuite} on MariaDB (skipped when the server does not answer; see {@link ServerTarget}). */
class MariaDbMappingTest extends MappingSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
