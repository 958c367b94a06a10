package io.athanor.orm.internal.mapping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a factory's entities are written: an entity's rows are inserted after the rows
 * of the entities it references ({@code @ManyToOne}) and deleted before them. Entities that
 * reference each other, directly or through others, or themselves (a tree), form one
 * {@link Component} marked cyclic: their rows are ordered row by row at each flush.
 *
 * <p>Algorithm: Tarjan's strongly connected components over the graph "entity → entity it
 * references". Tarjan emits a component only after every component reachable from it, that is,
 * after everything it references: the emission order is already parents first. Computed once per
 * factory; immutable.
 */
public final class DependencyOrder {
    /** Entities written together: one, or a cycle of references. */
    public record Component(List<EntityMapping<?>> mappings, boolean cyclic) {
    }

    private final List<Component> parentsFirst;
    private final Map<EntityMapping<?>, Integer> position = new IdentityHashMap<>();

    public DependencyOrder(List<EntityMapping<?>> mappings) {
        this.parentsFirst = List.copyOf(new Tarjan(mappings).components);
        for (int i = 0; i < parentsFirst.size(); i++) {
            for (EntityMapping<?> m : parentsFirst.get(i).mappings()) {
                position.put(m, i);
            }
        }
    }

    /** The components, referenced entities first: the order of inserts (deletes go in reverse). */
    public List<Component> parentsFirst() {
        return parentsFirst;
    }

    /** The position of an entity's component in {@link #parentsFirst()}. */
    public int position(EntityMapping<?> m) {
        return position.get(m);
    }

    /** Tarjan's algorithm, iterating over entities in factory order so the result is deterministic. */
    private static final class Tarjan {
        private final Map<EntityMapping<?>, Integer> index = new IdentityHashMap<>();
        private final Map<EntityMapping<?>, Integer> low = new IdentityHashMap<>();
        private final Deque<EntityMapping<?>> stack = new ArrayDeque<>();
        private final Map<EntityMapping<?>, Boolean> onStack = new IdentityHashMap<>();
        private final List<Component> components = new ArrayList<>();

        Tarjan(List<EntityMapping<?>> mappings) {
            for (EntityMapping<?> m : mappings) {
                if (!index.containsKey(m)) {
                    visit(m);
                }
            }
        }

        /** Recursive: the depth is bounded by the number of entities. */
        private void visit(EntityMapping<?> m) {
            index.put(m, index.size());
            low.put(m, index.get(m));
            stack.push(m);
            onStack.put(m, true);
            boolean selfReference = false;
            for (ToOneMapping t : m.toOnes()) {
                EntityMapping<?> target = t.target();
                if (target == m) {
                    selfReference = true;
                } else if (!index.containsKey(target)) {
                    visit(target);
                    low.put(m, Math.min(low.get(m), low.get(target)));
                } else if (onStack.getOrDefault(target, false)) {
                    low.put(m, Math.min(low.get(m), index.get(target)));
                }
            }
            if (low.get(m).equals(index.get(m))) {
                List<EntityMapping<?>> members = new ArrayList<>();
                EntityMapping<?> member;
                do {
                    member = stack.pop();
                    onStack.put(member, false);
                    members.add(0, member);
                } while (member != m);
                members.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
                components.add(new Component(List.copyOf(members), members.size() > 1 || selfReference));
            }
        }
    }
}
