package io.athanor.test.kit;

/** The kit's {@link FaultSuite} on PostgreSQL (skipped when the server does not answer; see {@link ServerTarget}). */
class PostgresFaultTest extends FaultSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
