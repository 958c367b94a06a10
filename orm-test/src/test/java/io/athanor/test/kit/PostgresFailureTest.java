package io.athanor.test.kit;

/** The kit's {@link FailureSuite} on PostgreSQL (skipped when the server does not answer; see {@link ServerTarget}). */
class PostgresFailureTest extends FailureSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
