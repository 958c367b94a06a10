package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectState;
import io.athanor.orm.OrmException;
import io.athanor.orm.StaleObjectException;
import io.athanor.orm.internal.mapping.DependencyOrder;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.orm.internal.mapping.ToOneMapping;
import io.athanor.orm.internal.persistence.EntityPersister;
import io.athanor.orm.internal.persistence.RowWriter;
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
 * fails.
 */
final class FlushPlan {
    private final SessionImpl session;
    private final List<Action> actions = new ArrayList<>();
    /** Objects with nothing to write whose change tracking is reset when the flush succeeds. */
    private final List<InstanceState> unchanged = new ArrayList<>();
    /** Versions written by {@link ClearReferences}, which the rows' DELETEs then expect. */
    private final Map<InstanceState, Object> clearedVersions = new IdentityHashMap<>();

    private FlushPlan(SessionImpl session) {
        this.session = session;
    }

    /** Plans the flush of {@code pending}; fails, before any SQL, with what cannot be written. */
    static FlushPlan of(SessionImpl session, PendingChanges pending) {
        FlushPlan plan = new FlushPlan(session);
        plan.planInserts(new ArrayList<>(pending.added));
        plan.planUpdates(session.flushCandidates());
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
        Outcome outcome = new Outcome();
        try {
            for (Action a : actions) {
                a.run(tx, outcome);
            }
        } catch (RuntimeException e) {
            outcome.undo.forEach(Runnable::run);
            throw e;
        }
        outcome.onSuccess.forEach(Runnable::run);
        for (InstanceState s : unchanged) {
            session.lifecycle().flushed(s);
        }
    }

    /** What running the actions did: undone on failure, completed on success. */
    private static final class Outcome {
        final List<Runnable> undo = new ArrayList<>();
        final List<Runnable> onSuccess = new ArrayList<>();
    }

    /** One batch of the plan. */
    private interface Action {
        void run(Transaction tx, Outcome outcome);

        String describe();
    }

    // --- inserts ---------------------------------------------------------------------------------

    private void planInserts(List<InstanceState> added) {
        Map<EntityMapping<?>, List<InstanceState>> byEntity = byEntity(added);
        for (InstanceState s : added) {
            checkInsertable(s);
        }
        for (DependencyOrder.Component c : session.context().dependencyOrder().parentsFirst()) {
            List<InstanceState> rows = new ArrayList<>();
            c.mappings().forEach(m -> rows.addAll(byEntity.getOrDefault(m, List.of())));
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

    /** One batch of INSERTs; generated keys are assigned to the objects as they come back. */
    private final class Insert implements Action {
        private final EntityMapping<?> m;
        private final List<InstanceState> states;
        private final Map<InstanceState, Long> nulled;
        private final int round;

        Insert(EntityMapping<?> m, List<InstanceState> states, Map<InstanceState, Long> nulled, int round) {
            this.m = m;
            this.states = states;
            this.nulled = nulled;
            this.round = round;
        }

        @Override
        public void run(Transaction tx, Outcome outcome) {
            EntityPersister persister = session.persister(m);
            List<InstanceState> generated = new ArrayList<>();
            List<Object[]> generatedRows = new ArrayList<>();
            List<InstanceState> explicit = new ArrayList<>();
            List<Object[]> explicitRows = new ArrayList<>();
            for (InstanceState s : states) {
                Object entity = s.get();
                initialVersion(m, entity, outcome);
                Object[] row = persister.row(entity, nulled.getOrDefault(s, 0L));
                boolean generate = row[m.id().slot()] == null;
                (generate ? generated : explicit).add(s);
                (generate ? generatedRows : explicitRows).add(row);
            }
            if (!explicitRows.isEmpty()) {
                RowWriter.insert(tx, persister, explicitRows, i -> RowOrder.name(explicit.get(i)));
            }
            if (!generated.isEmpty()) {
                List<?> keys = RowWriter.insertGeneratingKeys(tx, persister, generatedRows,
                        i -> RowOrder.name(generated.get(i)));
                for (int i = 0; i < keys.size(); i++) {
                    Object entity = generated.get(i).get();
                    m.id().set(entity, keys.get(i));
                    outcome.undo.add(() -> m.id().set(entity, null));
                }
            }
            for (InstanceState s : states) {
                outcome.onSuccess.add(() -> session.lifecycle().inserted(s, m.id().get(s.get())));
            }
        }

        @Override
        public String describe() {
            return "INSERT " + m.table().name() + " x" + states.size() + (round > 0 ? " (round " + round + ")" : "")
                    + (nulled.isEmpty() || states.stream().noneMatch(nulled::containsKey) ? ""
                    : " with cycle references NULL");
        }
    }

    /** A null boxed version starts at 1, so the first UPDATE has a value to check. */
    private static void initialVersion(EntityMapping<?> m, Object entity, Outcome outcome) {
        PropertyMapping v = m.version();
        if (v != null && v.get(entity) == null) {
            v.set(entity, m.nextVersion(null));
            outcome.undo.add(() -> v.set(entity, null));
        }
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

    /** One batch of UPDATEs of one entity and one set of columns (a flush's, or a post-update's). */
    private final class Update implements Action {
        private final EntityMapping<?> m;
        private final long mask;
        private final List<InstanceState> states;
        private final String what;
        /** A post-update: the rows were just inserted, their version is the inserted one. */
        private final boolean post;

        Update(EntityMapping<?> m, long mask, List<InstanceState> states, String what, boolean post) {
            this.m = m;
            this.mask = mask;
            this.states = states;
            this.what = what;
            this.post = post;
        }

        @Override
        public void run(Transaction tx, Outcome outcome) {
            EntityPersister persister = session.persister(m);
            List<Object[]> rows = new ArrayList<>(states.size());
            List<Object> newVersions = new ArrayList<>();
            for (InstanceState s : states) {
                Object[] row = persister.row(s.get());
                if (m.version() != null) {
                    Object current = row[m.version().slot()];
                    row[persister.expectedVersionSlot()] = current;
                    Object next = m.nextVersion(current);
                    row[m.version().slot()] = next;
                    newVersions.add(next);
                }
                rows.add(row);
            }
            RowWriter.update(tx, persister, mask, rows, i -> RowOrder.name(states.get(i)),
                    (i, count) -> stale("UPDATE", m, states.get(i), rows.get(i), count));
            for (int i = 0; i < states.size(); i++) {
                InstanceState s = states.get(i);
                Object version = m.version() == null ? null : newVersions.get(i);
                Object entity = s.get();
                if (version != null) {
                    Object before = m.version().get(entity);
                    m.version().set(entity, version);
                    outcome.undo.add(() -> m.version().set(entity, before));
                }
                if (!post) {
                    outcome.onSuccess.add(() -> session.lifecycle().flushed(s));
                }
            }
        }

        @Override
        public String describe() {
            List<String> columns = new ArrayList<>();
            for (long bits = mask & m.columnAttributes(); bits != 0; bits &= bits - 1) {
                columns.add(m.attribute(Long.numberOfTrailingZeros(bits)).name());
            }
            return what + " " + m.table().name() + " x" + states.size() + " set " + columns;
        }
    }

    // --- deletes ---------------------------------------------------------------------------------

    private void planDeletes(List<InstanceState> deleted) {
        Map<EntityMapping<?>, List<InstanceState>> byEntity = byEntity(deleted);
        List<DependencyOrder.Component> components = new ArrayList<>(session.context().dependencyOrder().parentsFirst());
        java.util.Collections.reverse(components);
        for (DependencyOrder.Component c : components) {
            List<InstanceState> rows = new ArrayList<>();
            c.mappings().forEach(m -> rows.addAll(byEntity.getOrDefault(m, List.of())));
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

    /** One batch of DELETEs by key (and version). */
    private final class Delete implements Action {
        private final EntityMapping<?> m;
        private final List<InstanceState> states;
        private final int round;

        Delete(EntityMapping<?> m, List<InstanceState> states, int round) {
            this.m = m;
            this.states = states;
            this.round = round;
        }

        @Override
        public void run(Transaction tx, Outcome outcome) {
            EntityPersister persister = session.persister(m);
            List<Object[]> rows = new ArrayList<>(states.size());
            for (InstanceState s : states) {
                Object[] row = persister.keyRow(s.key);
                if (m.version() != null) {
                    row[persister.expectedVersionSlot()] = storedVersion(s);
                }
                rows.add(row);
            }
            RowWriter.delete(tx, persister, rows, i -> RowOrder.name(states.get(i)),
                    (i, count) -> stale("DELETE", m, states.get(i), rows.get(i), count));
            for (InstanceState s : states) {
                outcome.onSuccess.add(() -> session.lifecycle().flushedDelete(s));
            }
        }

        @Override
        public String describe() {
            return "DELETE " + m.table().name() + " x" + states.size() + (round > 0 ? " (round " + round + ")" : "");
        }
    }

    /** The version the row has in the database: the committed one when the object changed it. */
    private Object storedVersion(InstanceState s) {
        if (clearedVersions.containsKey(s)) {
            return clearedVersions.get(s);
        }
        PropertyMapping v = s.mapping.version();
        Object committed = s.committed == null ? null : s.committed[v.index()];
        return committed != null && committed != InstanceState.UNKNOWN ? committed : v.get(s.get());
    }

    /** Before deleting a cycle of rows: UPDATE one row's references to NULL (and its version). */
    private final class ClearReferences implements Action {
        private final InstanceState state;
        private final long references;

        ClearReferences(InstanceState state, long references) {
            this.state = state;
            this.references = references;
        }

        @Override
        public void run(Transaction tx, Outcome outcome) {
            EntityMapping<?> m = state.mapping;
            EntityPersister persister = session.persister(m);
            Object[] row = persister.keyRow(state.key);
            long mask = references;
            if (m.version() != null) {
                Object stored = storedVersion(state);
                row[persister.expectedVersionSlot()] = stored;
                row[m.version().slot()] = m.nextVersion(stored);
                mask |= m.version().bit();
                clearedVersions.put(state, m.nextVersion(stored));
            }
            RowWriter.update(tx, persister, mask, List.<Object[]>of(row), i -> RowOrder.name(state),
                    (i, count) -> stale("UPDATE", m, state, row, count));
        }

        @Override
        public String describe() {
            return "UPDATE " + state.mapping.table().name() + " x1 clearing references to delete a cycle";
        }
    }

    // --- shared ----------------------------------------------------------------------------------

    private static StaleObjectException stale(String what, EntityMapping<?> m, InstanceState s, Object[] row, int count) {
        String why = m.version() != null
                ? "its row was deleted, or its version " + row[row.length - 1] + " was changed by another transaction"
                : "its row was deleted by another transaction";
        return new StaleObjectException(what + " of " + m.describe(s.key) + " matched " + count
                + " rows instead of 1: " + why + ". Nothing of this flush was kept.");
    }

    private static Map<EntityMapping<?>, List<InstanceState>> byEntity(List<InstanceState> states) {
        Map<EntityMapping<?>, List<InstanceState>> out = new LinkedHashMap<>();
        for (InstanceState s : states) {
            out.computeIfAbsent(s.mapping, k -> new ArrayList<>()).add(s);
        }
        return out;
    }
}
