package io.athanor.test.kit;

/** The kit's {@link EvaluatorSuite} on PostgreSQL (skipped when the server does not answer; see {@link ServerTarget}). */
class PostgresEvaluatorTest extends EvaluatorSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }
}
