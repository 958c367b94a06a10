package io.athanor.test.kit;

/** The kit's {@link DecimalSuite} on PostgreSQL (skipped when the server does not answer; see {@link ServerTarget}). */
class PostgresDecimalTest extends DecimalSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
