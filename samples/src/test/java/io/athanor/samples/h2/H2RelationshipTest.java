package io.athanor.samples.h2;

import io.athanor.test.kit.RelationshipSuite;
import io.athanor.test.kit.KitTarget;
import io.athanor.test.kit.KitTargets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The compliance kit's {@link RelationshipSuite} on H2 file databases, through {@link H2Dialect}. */
class H2RelationshipTest extends RelationshipSuite {
    @TempDir
    static Path dir;

    @Override
    protected KitTarget target() {
        return KitTargets.files("h2", dir, file -> "jdbc:h2:" + file);
    }
}
