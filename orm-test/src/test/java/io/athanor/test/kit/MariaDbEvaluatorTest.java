package io.athanor.test.kit;

/** The kit's {@link EvaluatorSuite} on MariaDB (skipped when the server does not answer; see {@link ServerTarget}). */
class MariaDbEvaluatorTest extends EvaluatorSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
