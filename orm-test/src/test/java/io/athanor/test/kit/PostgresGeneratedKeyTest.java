package io.athanor.test.kit;

/** The kit's {@link GeneratedKeySuite} on PostgreSQL (skipped when the server does not answer). */
class PostgresGeneratedKeyTest extends GeneratedKeySuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
