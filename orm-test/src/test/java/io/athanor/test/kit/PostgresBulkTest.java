package io.athanor.test.kit;

/** The kit's {@link BulkSuite} on PostgreSQL (skipped when the server does not answer; see {@link ServerTarget}). */
class PostgresBulkTest extends BulkSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
