package io.athanor.test.kit;

/** The kit's {@link QuerySuite} on PostgreSQL (skipped when the server does not answer; see {@link ServerTarget}). */
class PostgresQueryTest extends QuerySuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
