package io.athanor.orm.internal.session;

import io.athanor.orm.OrmException;
import io.athanor.orm.internal.mapping.ToOneMapping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders the rows of entities that reference each other or themselves (a tree, a cycle), for one
 * flush: each row is written in a round after every row it must follow. Rows of one round and
 * entity still share one JDBC batch, so a tree of depth 5 takes five INSERT batches, not one
 * statement per row.
 *
 * <p>Algorithm: Kahn's topological sort by rounds over the rows' dependencies ({@link #depend}).
 * When no row is free while some remain, the remaining rows form a cycle: a dependency through a
 * nullable foreign key is dropped and that reference recorded in {@link #nulled()}, to be written
 * as NULL and set by a separate UPDATE (SQLAlchemy's post_update); a cycle held together by NOT
 * NULL foreign keys only cannot be written in any order, and fails before any SQL, naming its rows.
 */
final class RowOrder {
    /** "{@code dependent} must be written after {@code prerequisite}", because {@code holder}'s {@code reference} links them. */
    private record Dependency(InstanceState dependent, InstanceState prerequisite, InstanceState holder,
            ToOneMapping reference) {
    }

    private final String what;
    private final List<InstanceState> rows;
    private final Map<InstanceState, List<Dependency>> dependents = new IdentityHashMap<>();
    private final Map<InstanceState, List<Dependency>> prerequisites = new IdentityHashMap<>();
    private final Map<InstanceState, Long> nulled = new IdentityHashMap<>();

    /** {@code what}: INSERT or DELETE, for the error message. */
    RowOrder(String what, List<InstanceState> rows) {
        this.what = what;
        this.rows = rows;
    }

    void depend(InstanceState dependent, InstanceState prerequisite, InstanceState holder, ToOneMapping reference) {
        Dependency d = new Dependency(dependent, prerequisite, holder, reference);
        dependents.computeIfAbsent(prerequisite, k -> new ArrayList<>()).add(d);
        prerequisites.computeIfAbsent(dependent, k -> new ArrayList<>()).add(d);
    }

    /** The references to write as NULL first and set afterwards, as attribute bits per row. */
    Map<InstanceState, Long> nulled() {
        return nulled;
    }

    /** The rows in rounds; each round's rows follow only rows of earlier rounds. */
    List<List<InstanceState>> rounds() {
        Map<InstanceState, Integer> waiting = new IdentityHashMap<>();
        Set<Dependency> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
        List<InstanceState> ready = new ArrayList<>();
        for (InstanceState s : rows) {
            int n = prerequisites.getOrDefault(s, List.of()).size();
            waiting.put(s, n);
            if (n == 0) {
                ready.add(s);
            }
        }
        List<List<InstanceState>> rounds = new ArrayList<>();
        int placed = 0;
        while (placed < rows.size()) {
            if (ready.isEmpty()) {
                ready.add(breakCycle(waiting, dropped));
            }
            rounds.add(ready);
            placed += ready.size();
            List<InstanceState> next = new ArrayList<>();
            for (InstanceState done : ready) {
                waiting.remove(done);
            }
            for (InstanceState done : ready) {
                for (Dependency d : dependents.getOrDefault(done, List.of())) {
                    if (!dropped.contains(d) && waiting.containsKey(d.dependent())
                            && waiting.merge(d.dependent(), -1, Integer::sum) == 0) {
                        next.add(d.dependent());
                    }
                }
            }
            ready = next;
        }
        return rounds;
    }

    /**
     * Drops dependencies through nullable references among the waiting rows (each such row is
     * written with that reference NULL and updated later) until some row is free; returns it.
     */
    private InstanceState breakCycle(Map<InstanceState, Integer> waiting, Set<Dependency> dropped) {
        for (InstanceState s : rows) {
            if (!waiting.containsKey(s)) {
                continue;
            }
            for (Dependency d : prerequisites.getOrDefault(s, List.of())) {
                if (!dropped.contains(d) && waiting.containsKey(d.prerequisite()) && d.reference().nullable()) {
                    dropped.add(d);
                    nulled.merge(d.holder(), d.reference().bit(), (a, b) -> a | b);
                    if (waiting.merge(s, -1, Integer::sum) == 0) {
                        return s;
                    }
                }
            }
        }
        List<String> cycle = rows.stream().filter(waiting::containsKey).limit(10).map(RowOrder::name).toList();
        throw new OrmException("cannot " + what + " these rows in any order: they reference each other in a cycle"
                + " through NOT NULL foreign keys (" + String.join(", ", cycle)
                + (waiting.size() > 10 ? ", ..." : "") + "); make one of the references nullable, so that it can be"
                + " written after the rows, or flush the rows in two steps. No SQL was run");
    }

    static String name(InstanceState s) {
        Object entity = s.get();
        return s.key != null ? s.mapping.describe(s.key) : entity != null ? s.mapping.describeInstance(entity)
                : "a new " + s.mapping.name();
    }
}
