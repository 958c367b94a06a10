package io.athanor.test.kit;

/** The kit's {@link DecimalSuite} on MariaDB (skipped when the server does not answer; see {@link ServerTarget}). */
class MariaDbDecimalTest extends DecimalSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
