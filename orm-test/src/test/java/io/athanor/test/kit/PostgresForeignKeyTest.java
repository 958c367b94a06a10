package io.athanor.test.kit;

/** The kit's {@link ForeignKeySuite} on PostgreSQL (skipped when the server does not answer). */
class PostgresForeignKeyTest extends ForeignKeySuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
