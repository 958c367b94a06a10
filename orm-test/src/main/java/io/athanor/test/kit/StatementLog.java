package io.athanor.test.kit;

import io.athanor.sql.StatementKind;
import io.athanor.sql.StatementListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records every statement a kit database runs, so suites can assert exactly what SQL was emitted. */
public final class StatementLog implements StatementListener {
    /** One executed statement: its SQL, kind (null for DDL) and number of batched parameter rows. */
    public record Executed(String sql, StatementKind kind, int rows) {
        @Override
        public String toString() {
            return (rows > 1 ? "[" + rows + " rows] " : "") + sql;
        }
    }

    private final List<Executed> statements = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void beforeExecute(String sql, StatementKind kind, int rows, List<Object> firstRowValues) {
        statements.add(new Executed(sql, kind, rows));
    }

    /** Everything since the last {@link #clear()}. */
    public List<Executed> all() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    /** The statements of that kind since the last {@link #clear()}. */
    public List<Executed> of(StatementKind kind) {
        return all().stream().filter(e -> e.kind() == kind).toList();
    }

    /** The kinds, in order, e.g. {@code [SELECT, UPDATE]}. */
    public List<String> kinds() {
        return all().stream().map(e -> e.kind() == null ? "DDL" : e.kind().name()).toList();
    }

    /** Forgets what was recorded. */
    public void clear() {
        statements.clear();
    }
}
