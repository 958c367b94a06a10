package io.athanor.sql.internal;

import io.athanor.sql.Column;
import io.athanor.sql.SqlException;
import io.athanor.sql.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The FROM items a statement being compiled reads, and those of the statements it is nested in
 * (for a correlated subquery): decides whether each column it names may be named there and whether
 * it must be written qualified. A column of a table no statement reads would be written as a name
 * that the database resolves against whatever table has a column of that name, so it is refused.
 */
final class FromScopes {
    /** One statement's FROM items; {@code nullable}: those a LEFT JOIN may fill with NULLs. */
    private record Scope(List<Table> items, Set<Table> nullable) {
    }

    /** Innermost last. */
    private final List<Scope> scopes = new ArrayList<>();

    /** Enters a statement reading {@code items}; two items exposed under one name are refused. */
    void push(List<Table> items, Set<Table> nullable) {
        Set<String> names = new HashSet<>();
        for (Table t : items) {
            if (!names.add(t.exposedName())) {
                throw new SqlException("table " + t.exposedName() + " is read twice by one statement: read it under an"
                        + " alias (Table.as(\"...\")) so that its columns can be told apart");
            }
        }
        scopes.add(new Scope(List.copyOf(items), Set.copyOf(nullable)));
    }

    void pop() {
        scopes.remove(scopes.size() - 1);
    }

    /** True while compiling a subquery. */
    boolean nested() {
        return scopes.size() > 1;
    }

    /** True when any statement being compiled reads a table named {@code name}, under any alias. */
    boolean reads(String name) {
        return scopes.stream().anyMatch(s -> s.items.stream().anyMatch(t -> t.name().equals(name)));
    }

    /** True when {@code column} is of the innermost statement's FROM item that a LEFT JOIN may leave NULL. */
    boolean leftJoined(Column<?> column) {
        return !scopes.isEmpty() && scopes.get(scopes.size() - 1).nullable.contains(column.table());
    }

    /**
     * The name to qualify {@code column} with, or null to write it bare (it is of the only FROM item of
     * the innermost statement); refuses a column of no FROM item, and a reference to an enclosing
     * statement's item that an inner statement hides by reading a table under the same name.
     */
    String qualifier(Column<?> column) {
        Table owner = column.table();
        for (int depth = scopes.size() - 1; depth >= 0; depth--) {
            Scope s = scopes.get(depth);
            if (!reads(s, owner)) {
                continue;
            }
            for (int inner = depth + 1; inner < scopes.size(); inner++) {
                for (Table t : scopes.get(inner).items) {
                    if (t.exposedName().equals(owner.exposedName())) {
                        throw new SqlException("column " + column + " of an enclosing statement is hidden in the subquery,"
                                + " which reads " + t + " under the same name: read one of them under an alias (Table.as)");
                    }
                }
            }
            return depth == scopes.size() - 1 && s.items.size() == 1 ? null : owner.exposedName();
        }
        throw new SqlException("column " + column + " belongs to table " + owner + ", but this statement reads only "
                + describe(scopes.get(scopes.size() - 1)) + enclosing()
                + "; a column of another table cannot be used in its criteria, ordering or values: join its table");
    }

    private static boolean reads(Scope s, Table table) {
        for (Table t : s.items) {
            if (t == table || t.equals(table)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a column that is not of the innermost statement's only (written) table: for SET, INSERT and RETURNING. */
    void requireWritten(Column<?> column, Table written) {
        if (written != column.table() && !written.equals(column.table())) {
            throw new SqlException("column " + column + " belongs to table " + column.table() + ", but this statement"
                    + " reads only " + written.name() + "; a column of another table cannot be used in its criteria,"
                    + " ordering or values");
        }
    }

    private String enclosing() {
        if (scopes.size() < 2) {
            return "";
        }
        return " (and the statements it is nested in read "
                + scopes.subList(0, scopes.size() - 1).stream().map(FromScopes::describe).collect(Collectors.joining(", ")) + ")";
    }

    private static String describe(Scope s) {
        return s.items.stream().map(Table::toString).collect(Collectors.joining(", "));
    }
}
