package io.athanor.samples.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph walkthrough runs on SQLite and shows the plans a newcomer is told about. */
class GraphWalkthroughTest {
    @TempDir
    Path dir;

    @Test
    void printsEachFlushPlanInDependencyOrderAndTheSql() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new GraphWalkthrough(new PrintStream(bytes, true, StandardCharsets.UTF_8), true)
                .run("jdbc:sqlite:" + dir.resolve("graph.db"), null, null);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertContains(out, "plan: INSERT graph_customer x2 | INSERT graph_order x3");
        assertContains(out, "Ada's list [tea], Bob's [coffee, scones]");
        assertContains(out, "plan: UPDATE graph_order x1 set [customer] | DELETE graph_customer x1");
        assertContains(out, "INSERT graph_category x1 (round 1) | INSERT graph_category x2 (round 2)"
                + " | INSERT graph_category x2 (round 3) | INSERT graph_category x1 (round 4)");
        assertContains(out, "DELETE graph_category x2 (round 1) | DELETE graph_category x1 (round 2)"
                + " | DELETE graph_category x1 (round 3)");
        assertContains(out, "reading them: tea -> Ada; scones -> Bob; coffee -> Bob; no SQL\n   statements: 0");
        assertContains(out, "WHERE \"id\" IN (?, ?)");
    }

    private static void assertContains(String out, String expected) {
        assertTrue(out.contains(expected), () -> "missing: " + expected + "\nin:\n" + out);
    }
}
