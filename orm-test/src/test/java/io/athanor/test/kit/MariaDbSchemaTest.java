package io.athanor.test.kit;

/** The kit's {@link SchemaSuite} on MariaDB (skipped when the server does not answer; see {@link ServerTarget}). */
class MariaDbSchemaTest extends SchemaSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
