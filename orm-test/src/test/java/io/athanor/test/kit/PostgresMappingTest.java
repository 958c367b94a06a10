package io.athanor.test.kit;

/** The kit's {@link MappingSuite} on PostgreSQL (skipped when the server does not answer; see {@link ServerTarget}). */
class PostgresMappingTest extends MappingSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
