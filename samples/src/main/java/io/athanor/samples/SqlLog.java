package io.athanor.samples;

import io.athanor.sql.StatementKind;
import io.athanor.sql.StatementListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records the SQL a method emits, for --explain: each distinct statement with how often it ran. */
final class SqlLog implements StatementListener {
    private final List<String> statements = new ArrayList<>();
    private volatile boolean recording;

    void start() {
        synchronized (statements) {
            statements.clear();
        }
        recording = true;
    }

    List<String> stop() {
        recording = false;
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    void record(String sql) {
        synchronized (statements) {
            statements.add(sql);
        }
    }

    @Override
    public void beforeExecute(String sql, StatementKind kind, int rows, List<Object> firstRowValues) {
        if (recording) {
            record(rows > 1 ? sql + "   (JDBC batch of " + rows + " rows)" : sql);
        }
    }

    /** Distinct statements in order of first use, with a count when one ran more than once. */
    static String summary(List<String> statements) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        statements.forEach(s -> counts.merge(s, 1, Integer::sum));
        StringBuilder sb = new StringBuilder("SQL:\n");
        counts.forEach((sql, n) -> sb.append("  ").append(sql).append(n > 1 ? "   x " + n : "").append('\n'));
        return sb.toString();
    }
}
