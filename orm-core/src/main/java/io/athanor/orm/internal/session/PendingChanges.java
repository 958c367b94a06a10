package io.athanor.orm.internal.session;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a session holds that the database has not seen: new objects, changed ones, ones to delete,
 * and elements taken out of an {@code orphanRemoval} collection (deleted at the flush if nothing
 * took them in again). Each flush turns this into a {@link FlushPlan}.
 */
final class PendingChanges {
    final StateQueue added = new StateQueue(StateQueue.ADDED);
    final StateQueue changed = new StateQueue(StateQueue.CHANGED);
    final Set<InstanceState> deleted = new LinkedHashSet<>();
    final Set<InstanceState> orphans = new LinkedHashSet<>();

    /**
     * An element taken out of an orphan-removal collection, to delete at the flush unless something
     * takes it in again. Held strongly until then: the program may have dropped it, and a collected
     * orphan could not be deleted.
     */
    void addOrphan(InstanceState s) {
        s.pin();
        orphans.add(s);
    }

    boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && deleted.isEmpty() && orphans.isEmpty();
    }

    /** Forgets one object's pending work (expunge, rollback). */
    void remove(InstanceState s) {
        added.remove(s);
        changed.remove(s);
        deleted.remove(s);
        orphans.remove(s);
    }

    void clear() {
        added.clear();
        changed.clear();
        deleted.clear();
        orphans.clear();
    }
}
