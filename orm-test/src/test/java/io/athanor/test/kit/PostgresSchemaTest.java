package io.athanor.test.kit;

/** The kit's {@link SchemaSuite} on PostgreSQL (skipped when the server does not answer; see {@link ServerTarget}). */
class PostgresSchemaTest extends SchemaSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
