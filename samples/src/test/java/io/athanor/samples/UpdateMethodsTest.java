package io.athanor.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job on a small table: every method verified, the table printed, the exit code right. */
class UpdateMethodsTest {
    @TempDir
    Path dir;

    private String run(int expectedExit, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = UpdateMethods.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, code, out);
        return out;
    }

    @Test
    void everyMethodRunsAndIsVerifiedOnASmallTable() {
        String out = run(0, "--rows", "2000", "--db", dir.resolve("s.db").toString(), "--explain");
        assertTrue(out.contains("All methods produced the right values."), out);
        for (String mode : new String[] {"NONE", "EVALUATE", "FETCH", "AUTO"}) {
            assertTrue(out.contains("Synchronize." + mode), out);
        }
        // on SQLite, integer arithmetic carries its overflow check (docs/dialects.md, "Integer overflow")
        assertTrue(out.contains("UPDATE \"stuff\" SET \"foo\" = ((SELECT CASE WHEN typeof(athanor_v) = 'real'")
                && out.contains("(SELECT \"version\" + ? AS athanor_v))) RETURNING \"id\""), out);
        assertTrue(out.contains("JDBC batch of 2000 rows"), "method 1 batches its updates: " + out);
    }

    @Test
    void badOptionsExitWithUsage() {
        String out = run(2, "--rows", "many");
        assertTrue(out.contains("usage:"), out);
    }
}
