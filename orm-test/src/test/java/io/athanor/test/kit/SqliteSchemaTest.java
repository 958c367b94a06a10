package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.SchemaMismatchException;
import io.athanor.orm.SessionFactory;
import io.athanor.test.kit.entities.KitStuff;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's {@link SchemaSuite} on SQLite files, and what only SQLite's validation checks. */
class SqliteSchemaTest extends SchemaSuite {
    @TempDir
    static Path dir;

    @Override
    protected KitTarget target() {
        return KitTargets.sqlite(dir);
    }

    /**
     * SQLite judges by affinity (VARCHAR(100) holds text), and an integer column must carry Athanor's
     * CHECK: a plain INTEGER column would store a 64-bit value where the Java type is int, or a REAL.
     */
    @Test
    void integerColumnsWithoutAthanorsCheckCannotHoldTheJavaType() {
        sql("CREATE TABLE kit_stuff (id INTEGER PRIMARY KEY, foo INTEGER NOT NULL, name VARCHAR(100), rank BIGINT)");
        SessionFactory f = factory(KitStuff.class);
        SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> f.schema().validate());
        assertEquals("[KitStuff.foo kit_stuff.foo TYPE, KitStuff.rank kit_stuff.rank TYPE]",
                e.errors().stream().map(SchemaSuite::brief).toList().toString(), e.getMessage());
        assertTrue(e.getMessage().contains("CONSTRAINT \"kit_stuff_foo_int32\" CHECK"), e.getMessage());
    }
}
