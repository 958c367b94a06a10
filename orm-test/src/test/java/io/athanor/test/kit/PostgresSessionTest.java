package io.athanor.test.kit;

/** The kit's {@link SessionSuite} on PostgreSQL (skipped when the server does not answer; see {@link ServerTarget}). */
class PostgresSessionTest extends SessionSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
