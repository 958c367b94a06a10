package io.athanor.test.kit;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The kit's {@link FetchFormsSuite} on SQLite files. */
class SqliteFetchFormsTest extends FetchFormsSuite {
    @TempDir
    static Path dir;

    @Override
    protected KitTarget target() {
        return KitTargets.sqlite(dir);
    }
}
