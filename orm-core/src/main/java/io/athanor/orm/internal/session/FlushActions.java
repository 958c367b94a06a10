package io.athanor.orm.internal.session;

import io.athanor.orm.StaleObjectException;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.orm.internal.persistence.EntityPersister;
import io.athanor.orm.internal.persistence.RowWriter;
import io.athanor.sql.Transaction;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions of a {@link FlushPlan}: each one batch of rows of one entity and statement shape,
 * written through {@link RowWriter}. Row arrays are built when the action runs, not when it is
 * planned, so a parent's generated key, assigned by an earlier action, is in its children's rows.
 */
final class FlushActions {
    private FlushActions() {
    }

    /** One batch of the plan. */
    interface Action {
        void run(Transaction tx, Run run);

        /** One line for {@code Session.lastFlushPlan()}. */
        String describe();
    }

    /**
     * What running a plan did so far: in-memory assignments to undo if a later action fails, and
     * state transitions to make once every action succeeded; versions written by
     * {@link ClearReferences}, which the rows' DELETEs then expect.
     */
    static final class Run {
        final SessionImpl session;
        final List<Runnable> undo = new ArrayList<>();
        final List<Runnable> onSuccess = new ArrayList<>();
        final Map<InstanceState, Object> clearedVersions = new IdentityHashMap<>();

        Run(SessionImpl session) {
            this.session = session;
        }
    }

    /** One batch of INSERTs; generated keys are assigned to the objects as they come back. */
    static final class Insert implements Action {
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
        public void run(Transaction tx, Run run) {
            EntityPersister persister = run.session.persister(m);
            List<InstanceState> generated = new ArrayList<>();
            List<Object[]> generatedRows = new ArrayList<>();
            List<InstanceState> explicit = new ArrayList<>();
            List<Object[]> explicitRows = new ArrayList<>();
            for (InstanceState s : states) {
                Object entity = s.get();
                initialVersion(m, entity, run);
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
                    run.undo.add(() -> m.id().set(entity, null));
                }
            }
            for (InstanceState s : states) {
                run.onSuccess.add(() -> run.session.lifecycle().inserted(s, m.id().get(s.get())));
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
    private static void initialVersion(EntityMapping<?> m, Object entity, Run run) {
        PropertyMapping v = m.version();
        if (v != null && v.get(entity) == null) {
            v.set(entity, m.nextVersion(null));
            run.undo.add(() -> v.set(entity, null));
        }
    }

    /** One batch of UPDATEs of one entity and one set of columns (a flush's, or a post-update's). */
    static final class Update implements Action {
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
        public void run(Transaction tx, Run run) {
            EntityPersister persister = run.session.persister(m);
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
                    run.undo.add(() -> m.version().set(entity, before));
                }
                if (!post) {
                    run.onSuccess.add(() -> run.session.lifecycle().flushed(s));
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

    /** One batch of DELETEs by key (and version). */
    static final class Delete implements Action {
        private final EntityMapping<?> m;
        private final List<InstanceState> states;
        private final int round;

        Delete(EntityMapping<?> m, List<InstanceState> states, int round) {
            this.m = m;
            this.states = states;
            this.round = round;
        }

        @Override
        public void run(Transaction tx, Run run) {
            EntityPersister persister = run.session.persister(m);
            List<Object[]> rows = new ArrayList<>(states.size());
            for (InstanceState s : states) {
                Object[] row = persister.keyRow(s.key);
                if (m.version() != null) {
                    row[persister.expectedVersionSlot()] = storedVersion(run, s);
                }
                rows.add(row);
            }
            RowWriter.delete(tx, persister, rows, i -> RowOrder.name(states.get(i)),
                    (i, count) -> stale("DELETE", m, states.get(i), rows.get(i), count));
            for (InstanceState s : states) {
                run.onSuccess.add(() -> run.session.lifecycle().flushedDelete(s));
            }
        }

        @Override
        public String describe() {
            return "DELETE " + m.table().name() + " x" + states.size() + (round > 0 ? " (round " + round + ")" : "");
        }
    }

    /** The version the row has in the database: the committed one when the object changed it. */
    private static Object storedVersion(Run run, InstanceState s) {
        if (run.clearedVersions.containsKey(s)) {
            return run.clearedVersions.get(s);
        }
        PropertyMapping v = s.mapping.version();
        Object committed = s.committed == null ? null : s.committed[v.index()];
        return committed != null && committed != InstanceState.UNKNOWN ? committed : v.get(s.get());
    }

    /** Before deleting a cycle of rows: UPDATE one row's references to NULL (and its version). */
    static final class ClearReferences implements Action {
        private final InstanceState state;
        private final long references;

        ClearReferences(InstanceState state, long references) {
            this.state = state;
            this.references = references;
        }

        @Override
        public void run(Transaction tx, Run run) {
            EntityMapping<?> m = state.mapping;
            EntityPersister persister = run.session.persister(m);
            Object[] row = persister.keyRow(state.key);
            long mask = references;
            if (m.version() != null) {
                Object stored = storedVersion(run, state);
                row[persister.expectedVersionSlot()] = stored;
                row[m.version().slot()] = m.nextVersion(stored);
                mask |= m.version().bit();
                run.clearedVersions.put(state, m.nextVersion(stored));
            }
            RowWriter.update(tx, persister, mask, List.<Object[]>of(row), i -> RowOrder.name(state),
                    (i, count) -> stale("UPDATE", m, state, row, count));
        }

        @Override
        public String describe() {
            return "UPDATE " + state.mapping.table().name() + " x1 clearing references to delete a cycle";
        }
    }

    private static StaleObjectException stale(String what, EntityMapping<?> m, InstanceState s, Object[] row, int count) {
        String why = m.version() != null
                ? "its row was deleted, or its version " + row[row.length - 1] + " was changed by another transaction"
                : "its row was deleted by another transaction";
        return new StaleObjectException(what + " of " + m.describe(s.key) + " matched " + count
                + " rows instead of 1: " + why + ". Nothing of this flush was kept.");
    }
}
