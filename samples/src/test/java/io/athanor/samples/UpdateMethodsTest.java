package io.athanor.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
        // on SQLite, a SET value's overflow is refused by the column's CHECK, so the statement stays plain
        // (docs/dialects.md, "Integer overflow"); FETCH with 200 objects loaded asks for their keys only
        // (docs/synchronize.md, "FETCH's two forms")
        String fetch = block(out, "Synchronize.FETCH");
        assertTrue(fetch.contains("SELECT \"id\" FROM \"stuff\" WHERE \"id\" IN (?, ?"), fetch);
        assertTrue(fetch.contains("UPDATE \"stuff\" SET \"foo\" = (\"foo\" + ?), \"version\" = (\"version\" + ?)\n"), fetch);
        assertTrue(out.contains("JDBC batch of 2000 rows"), "method 1 batches its updates: " + out);
    }

    @Test
    void explainShowsTheJobsOwnReadsApartFromTheMethodsSql() {
        String out = run(0, "--rows", "500", "--db", dir.resolve("e.db").toString(), "--explain");
        String bulk = block(out, "Synchronize.EVALUATE");
        String timed = section(bulk, "SQL of the method (timed):");
        assertEquals(List.of("UPDATE \"stuff\" SET \"foo\" = (\"foo\" + ?), \"version\" = (\"version\" + ?)"),
                timed.lines().map(String::strip).toList(), bulk);
        assertTrue(section(bulk, "setup (not timed):").contains("\"id\" % ? AS athanor_v"), "the 10% loaded first: " + bulk);
        assertTrue(section(bulk, "verification by the job (not timed):").contains("WHERE \"id\" = ?   x 50"),
                "the loaded objects read back after commit: " + bulk);

        String iterate = block(out, "1. ORM: load every object");
        assertTrue(section(iterate, "SQL of the method (timed):").contains("SELECT"), iterate);
        assertFalse(iterate.contains("not timed"), "loading every object is the method itself: " + iterate);
        assertTrue(section(block(out, "4. raw JDBC"), "SQL of the method (timed):").contains("raw JDBC"), out);

        String across = block(out, "5. ORM bulk update across a relationship");
        assertEquals(List.of("UPDATE \"stuff\" SET \"foo\" = (\"foo\" + ?), \"version\" = (\"version\" + ?) WHERE \"shelf_id\" IS NOT NULL"
                + " AND \"shelf_id\" IN (SELECT \"id\" FROM \"shelf\" WHERE \"floor\" < ?)"),
                section(across, "SQL of the method (timed):").lines().map(String::strip).toList(),
                "evaluated in Java through the loaded shelves: no RETURNING, no pre-select: " + across);
    }

    /** The output of the method whose title contains {@code title}, up to the next method. */
    private static String block(String out, String title) {
        int start = out.indexOf(title, out.indexOf("done\n"));
        assertTrue(start >= 0, title + " in " + out);
        int end = out.indexOf("\n[", start);
        return out.substring(start, end < 0 ? out.indexOf("\nmethod (", start) : end);
    }

    /** The statement lines under {@code heading} in a method's block. */
    private static String section(String block, String heading) {
        int start = block.indexOf(heading);
        assertTrue(start >= 0, heading + " in " + block);
        StringBuilder lines = new StringBuilder();
        for (String line : block.substring(start + heading.length() + 1).split("\n")) {
            if (!line.startsWith("        ")) {
                break;
            }
            lines.append(line).append('\n');
        }
        return lines.toString();
    }

    @Test
    void badOptionsExitWithUsage() {
        String out = run(2, "--rows", "many");
        assertTrue(out.contains("usage:"), out);
    }
}
