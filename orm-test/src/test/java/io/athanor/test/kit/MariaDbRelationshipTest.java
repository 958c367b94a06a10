package io.athanor.test.kit;

/** The kit's {@link RelationshipSuite} on MariaDb (skipped when the server does not answer; see {@link ServerTarget}). */
class MariaDbRelationshipTest extends RelationshipSuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }
}
