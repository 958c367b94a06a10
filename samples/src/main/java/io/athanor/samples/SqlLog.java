package io.athanor.samples;

import io.athanor.sql.StatementKind;
import io.athanor.sql.StatementListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the SQL a method emits, for --explain: each distinct statement with how often it ran,
 * grouped by the part of the method that ran it. Only the timed part is the method being compared;
 * the setup before it (loading the objects a bulk method keeps in its session) and the job's own
 * checks after it (reading objects back to verify them) are listed apart, so they are not taken
 * for the method's SQL.
 */
final class SqlLog implements StatementListener {
    /** Which part of a method ran a statement. */
    enum Phase {
        SETUP("setup (not timed):"),
        TIMED("SQL of the method (timed):"),
        VERIFICATION("verification by the job (not timed):");

        private final String heading;

        Phase(String heading) {
            this.heading = heading;
        }
    }

    /** One statement as it ran. */
    record Entry(Phase phase, String sql) {
    }

    private final List<Entry> statements = new ArrayList<>();
    private volatile boolean recording;
    private volatile Phase phase = Phase.SETUP;

    /** Starts recording a method: what runs until {@link #timing(boolean) timing(true)} is setup. */
    void start() {
        synchronized (statements) {
            statements.clear();
        }
        phase = Phase.SETUP;
        recording = true;
    }

    /** Marks the start (true) or end (false) of a timed part; what runs after a timed part is verification. */
    void timing(boolean on) {
        phase = on ? Phase.TIMED : Phase.VERIFICATION;
    }

    List<Entry> stop() {
        recording = false;
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    /** Records a timed statement that did not go through Athanor (the raw JDBC method). */
    void recordTimed(String sql) {
        record(Phase.TIMED, sql);
    }

    private void record(Phase in, String sql) {
        synchronized (statements) {
            statements.add(new Entry(in, sql));
        }
    }

    @Override
    public void beforeExecute(String sql, StatementKind kind, int rows, List<Object> firstRowValues) {
        if (recording) {
            record(phase, rows > 1 ? sql + "   (JDBC batch of " + rows + " rows)" : sql);
        }
    }

    /**
     * Per phase that ran any SQL, in the order setup, timed, verification: its distinct statements
     * in order of first use, with a count when one ran more than once.
     */
    static String summary(List<Entry> statements) {
        StringBuilder sb = new StringBuilder();
        for (Phase p : Phase.values()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            statements.stream().filter(e -> e.phase() == p).forEach(e -> counts.merge(e.sql(), 1, Integer::sum));
            if (!counts.isEmpty()) {
                sb.append(p.heading).append('\n');
                counts.forEach((sql, n) -> sb.append("  ").append(sql).append(n > 1 ? "   x " + n : "").append('\n'));
            }
        }
        return sb.toString();
    }
}
