package io.athanor.test.kit;

/** The kit's {@link FetchFormsSuite} on MariaDB (skipped when the server does not answer). */
class MariaDbFetchFormsTest extends FetchFormsSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
