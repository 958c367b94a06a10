package io.athanor.test.kit;

/** The kit's {@link RelationshipSuite} on Postgres (skipped when the server does not answer; see {@link ServerTarget}). */
class PostgresRelationshipTest extends RelationshipSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
