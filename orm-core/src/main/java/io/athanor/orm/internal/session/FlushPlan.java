package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectState;
import io.athanor.orm.OrmException;
import io.athanor.orm.internal.mapping.DependencyOrder;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.ToOneMapping;
import io.athanor.orm.internal.session.FlushActions.Action;
import io.athanor.orm.internal.session.FlushActions.ClearReferences;
import io.athanor.orm.internal.session.FlushActions.Delete;
import io.athanor.orm.internal.session.FlushActions.Insert;
import io.athanor.orm.internal.session.FlushActions.Run;
import io.athanor.orm.internal.session.FlushActions.Update;
import io.athanor.sql.Transaction;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One flush, planned before any SQL runs (SQLAlchemy's {@code UOWTransaction}): the session's
 * {@link PendingChanges} become a list of {@link Action}s, each one JDBC batch of rows of one
 * entity and shape, in an order the foreign keys accept:
 * <ol>
 *   <li>INSERTs, entities referenced first ({@link DependencyOrder}); rows of entities that
 *       reference each other or themselves in rounds ({@link RowOrder}), a cycle's nullable
 *       references written NULL;</li>
 *   <li>the UPDATEs that set those references (post-update);</li>
 *   <li>UPDATEs of changed objects, by entity and set of changed columns;</li>
 *   <li>UPDATEs that clear references to break a cycle of rows to delete;</li>
 *   <li>DELETEs, referencing entities first.</li>
 * </ol>
 * Everything that can be refused is refused while planning (a null key that is not generated, a
 * changed primary key, a NOT NULL reference set to null, a cycle of NOT NULL references), so a
 * refused flush runs no SQL. Running the plan assigns generated keys as rows are inserted, so a
 * parent's key is in place when its children's rows are built; in-memory state changes only once
 * every statement succeeded ({@link #run}), and the key and version assignments are undone if one
 * fails. The actions themselves are {@link FlushActions}.
 */
final class FlushPlan {
    private final SessionImpl session;
    private final List<Action> actions = new ArrayList<>();
    /** Objects with nothing to write whose change tracking is reset when the flush succeeds. */
    private final List<InstanceState> unchanged = new ArrayList<>();

    private FlushPlan(SessionImpl session) {
        this.session = session;
    }

    /** Plans the flush of {@code pending}; fails, before any SQL, with what cannot be written. */
    static FlushPlan of(SessionImpl session, PendingChanges pending) {
        FlushPlan plan = new FlushPlan(session);
        plan.planInserts(pending.added.snapshot());
        plan.planUpdates(candidates(session, pending));
        plan.planDeletes(new ArrayList<>(pending.deleted));
        return plan;
    }

    boolean isEmpty() {
        return actions.isEmpty() && unchanged.isEmpty();
    }

    /** The actions in order, one line each: what {@code --explain} shows. */
    List<String> describe() {
        return actions.stream().map(Action::describe).toList();
    }

    /** Runs every action through {@code tx}; on failure, undoes the in-memory key and version assignments and rethrows. */
    void run(Transaction tx) {
        Run run = new Run(session);
        try {
            for (Action a : actions) {
                a.run(tx, run);
            }
        } catch (RuntimeException e) {
            run.undo.forEach(Runnable::run);
            throw e;
        }
        run.onSuccess.forEach(Runnable::run);
        for (InstanceState s : unchanged) {
            session.lifecycle().flushed(s);
        }
    }

    // --- inserts ---------------------------------------------------------------------------------

    private void planInserts(List<InstanceState> added) {
        Map<EntityMapping<?>, List<InstanceState>> byEntity = byEntity(added);
        for (InstanceState s : added) {
            checkInsertable(s);
        }
        for (DependencyOrder.Component c : session.context().dependencyOrder().parentsFirst()) {
            List<InstanceState> rows = rowsOf(c, byEntity);
            if (rows.isEmpty()) {
                continue;
            }
            if (!c.cyclic()) {
                actions.add(new Insert(rows.get(0).mapping, rows, Map.of(), 0));
                continue;
            }
            RowOrder order = new RowOrder("INSERT", rows);
            Set<InstanceState> inComponent = Set.copyOf(rows);
            for (InstanceState s : rows) {
                Object entity = s.get();
                for (ToOneMapping t : s.mapping.toOnes()) {
                    InstanceState target = session.stateOf(t.get(entity));
                    if (target != null && inComponent.contains(target)) {
                        order.depend(s, target, s, t);
                    }
                }
            }
            List<List<InstanceState>> rounds = order.rounds();
            for (int r = 0; r < rounds.size(); r++) {
                for (Map.Entry<EntityMapping<?>, List<InstanceState>> e : byEntity(rounds.get(r)).entrySet()) {
                    actions.add(new Insert(e.getKey(), e.getValue(), order.nulled(), r + 1));
                }
            }
            postUpdates(rows, order.nulled());
        }
    }

    private void checkInsertable(InstanceState s) {
        EntityMapping<?> m = s.mapping;
        Object entity = s.get();
        if (m.id().get(entity) == null && !m.generatedId()) {
            throw new OrmException("cannot insert " + m.name() + ": its id " + m.id()
                    + " is null and is not generated by the database; set it before flushing. No SQL was run");
        }
        for (ToOneMapping t : m.toOnes()) {
            Object target = t.get(entity);
            if (target == null && !t.nullable()) {
                throw new OrmException("cannot insert " + RowOrder.name(s) + ": its " + t.name() + " is null, but "
                        + t.column() + " is NOT NULL; set it before flushing. No SQL was run");
            }
            checkTarget(s, t, target);
        }
    }

    /** A referenced object must be in the session or have a key: otherwise no foreign key can be written. */
    private void checkTarget(InstanceState s, ToOneMapping t, Object target) {
        if (target != null && session.stateOf(target) == null && t.keyOf(target) == null) {
            throw new OrmException(RowOrder.name(s) + "." + t.name() + " references a new " + t.target().name()
                    + " that is not in this session: add it (session.add) so that it is inserted first. No SQL was run");
        }
    }

    /** Rows written with nulled references get UPDATEs setting them once every row is in. */
    private void postUpdates(List<InstanceState> rows, Map<InstanceState, Long> nulled) {
        Map<EntityMapping<?>, Map<Long, List<InstanceState>>> shapes = new LinkedHashMap<>();
        for (InstanceState s : rows) {
            Long mask = nulled.get(s);
            if (mask != null) {
                long withVersion = s.mapping.version() == null ? mask : mask | s.mapping.version().bit();
                shapes.computeIfAbsent(s.mapping, k -> new LinkedHashMap<>())
                        .computeIfAbsent(withVersion, k -> new ArrayList<>()).add(s);
            }
        }
        shapes.forEach((m, byMask) -> byMask.forEach((mask, states) ->
                actions.add(new Update(m, mask, states, "POST-UPDATE", true))));
    }

    // --- updates ---------------------------------------------------------------------------------

    private void planUpdates(Iterable<InstanceState> candidates) {
        DependencyOrder order = session.context().dependencyOrder();
        Map<Integer, Map<EntityMapping<?>, Map<Long, List<InstanceState>>>> groups = new java.util.TreeMap<>();
        for (InstanceState s : candidates) {
            if (s.markedForDeletion || s.status != ObjectState.PERSISTENT) {
                continue;
            }
            session.loadVersionIfExpired(s);
            Object entity = s.get();
            long mask = s.changedProperties(entity) & s.mapping.columnAttributes();
            if (mask == 0) {
                unchanged.add(s);
                continue;
            }
            checkUpdatable(s, entity, mask);
            if (s.mapping.version() != null) {
                mask |= s.mapping.version().bit();
            }
            groups.computeIfAbsent(order.position(s.mapping), k -> new LinkedHashMap<>())
                    .computeIfAbsent(s.mapping, k -> new LinkedHashMap<>())
                    .computeIfAbsent(mask, k -> new ArrayList<>()).add(s);
        }
        groups.values().forEach(byEntity -> byEntity.forEach((m, byMask) -> byMask.forEach((mask, states) ->
                actions.add(new Update(m, mask, states, "UPDATE", false)))));
    }

    private void checkUpdatable(InstanceState s, Object entity, long mask) {
        EntityMapping<?> m = s.mapping;
        if ((mask & m.id().bit()) != 0) {
            throw new OrmException("the primary key of " + m.describe(s.key) + " was changed to " + m.id().get(entity)
                    + "; a primary key cannot change: delete the object and add a new one. No SQL was run");
        }
        for (ToOneMapping t : m.toOnes()) {
            if ((mask & t.bit()) == 0) {
                continue;
            }
            Object target = t.get(entity);
            if (target == null && !t.nullable()) {
                throw new OrmException("cannot flush " + m.describe(s.key) + ": its " + t.name() + " was set to null"
                        + (t.inverse() == null ? "" : " (or it was taken out of a " + t.target().name() + "'s "
                        + t.inverse().name() + ")") + ", but " + t.column() + " is NOT NULL; give it another "
                        + t.name() + (t.inverse() == null ? "" : ", declare @OneToMany(orphanRemoval = true) to delete"
                        + " it instead,") + " or delete it. No SQL was run");
            }
            checkTarget(s, t, target);
        }
    }

    // --- deletes ---------------------------------------------------------------------------------

    private void planDeletes(List<InstanceState> deleted) {
        Map<EntityMapping<?>, List<InstanceState>> byEntity = byEntity(deleted);
        List<DependencyOrder.Component> components = new ArrayList<>(session.context().dependencyOrder().parentsFirst());
        java.util.Collections.reverse(components);
        for (DependencyOrder.Component c : components) {
            List<InstanceState> rows = rowsOf(c, byEntity);
            if (rows.isEmpty()) {
                continue;
            }
            rows.forEach(session::loadVersionIfExpired);
            if (!c.cyclic()) {
                actions.add(new Delete(rows.get(0).mapping, rows, 0));
                continue;
            }
            RowOrder order = new RowOrder("DELETE", rows);
            Set<InstanceState> inComponent = Set.copyOf(rows);
            for (InstanceState child : rows) {
                for (ToOneMapping t : child.mapping.toOnes()) {
                    Object key = session.relations().storedKey(child, t);
                    InstanceState parent = key == null ? null : session.identityMap().get(t.target(), key);
                    if (parent != null && parent != child && inComponent.contains(parent)) {
                        order.depend(parent, child, child, t); // the parent goes after its child
                    }
                }
            }
            List<List<InstanceState>> rounds = order.rounds();
            order.nulled().forEach((s, mask) -> actions.add(new ClearReferences(s, mask)));
            for (int r = 0; r < rounds.size(); r++) {
                for (Map.Entry<EntityMapping<?>, List<InstanceState>> e : byEntity(rounds.get(r)).entrySet()) {
                    actions.add(new Delete(e.getKey(), e.getValue(), r + 1));
                }
            }
        }
    }

    // --- shared ----------------------------------------------------------------------------------

    /** The rows of a component's entities, entity by entity. */
    private static List<InstanceState> rowsOf(DependencyOrder.Component c, Map<EntityMapping<?>, List<InstanceState>> byEntity) {
        List<InstanceState> rows = new ArrayList<>();
        c.mappings().forEach(m -> rows.addAll(byEntity.getOrDefault(m, List.of())));
        return rows;
    }

    private static Map<EntityMapping<?>, List<InstanceState>> byEntity(List<InstanceState> states) {
        Map<EntityMapping<?>, List<InstanceState>> out = new LinkedHashMap<>();
        for (InstanceState s : states) {
            out.computeIfAbsent(s.mapping, k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** The loaded objects a flush checks for changes: the ones written to, and every unenhanced one. */
    private static Iterable<InstanceState> candidates(SessionImpl session, PendingChanges pending) {
        if (!session.hasSnapshotObjects()) {
            return pending.changed.snapshot();
        }
        java.util.Set<InstanceState> all = new java.util.LinkedHashSet<>(pending.changed.snapshot());
        all.addAll(session.snapshotObjects());
        return all;
    }
}
