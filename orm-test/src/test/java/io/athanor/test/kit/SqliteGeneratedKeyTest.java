package io.athanor.test.kit;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's {@link GeneratedKeySuite} on SQLite files, with SQLite's AUTOINCREMENT and trigger cases. */
class SqliteGeneratedKeyTest extends GeneratedKeySuite {
    @TempDir
    static Path dir;

    @Override
    protected KitTarget target() {
        return KitTargets.sqlite(dir);
    }

    @Test
    void autoincrementTablesNeverReuseAKey() throws Exception {
        autoincrementKeysAreNotReused();
    }

    @Test
    void aTriggerThatBreaksTheRuleIsReported() throws Exception {
        aTriggerInsertingIntoTheSameTableIsReportedNotGuessedAround();
    }
}
