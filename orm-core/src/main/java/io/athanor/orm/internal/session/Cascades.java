package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectState;
import io.athanor.orm.annotations.OnDelete;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.ToManyMapping;
import io.athanor.orm.internal.mapping.ToOneMapping;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * What {@code add} and {@code delete} do to the objects related to the one given: {@code add}
 * adds every new object reachable through loaded relationships (collections become tracked, their
 * elements reference their owner); {@code delete} deletes the children an orphan-removal
 * collection or an {@code ON DELETE CASCADE} reference says go with their parent and clears the
 * reference of the others; elements taken out of an orphan-removal collection are deleted at the
 * flush unless something took them in again.
 */
final class Cascades {
    private final SessionImpl session;
    private final Relations relations;

    Cascades(SessionImpl session, Relations relations) {
        this.session = session;
        this.relations = relations;
    }

    /** Adds a new (or detached) object reachable through a relationship to the session, and what it reaches. */
    void attach(Object target) {
        if (addIfNew(target)) {
            add(target);
        }
    }

    /**
     * {@code add(obj)}'s cascade: every object reachable through loaded relationships that is not
     * in the session is added; collections become tracked, and their elements reference their owner.
     */
    void add(Object root) {
        Deque<Object> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Object entity = work.pop();
            InstanceState s = session.stateOf(entity);
            if (s == null || !s.mapping.hasRelationships()) {
                continue;
            }
            for (ToOneMapping t : s.mapping.toOnes()) {
                Object target = ((s.expired | s.unresolved) & t.bit()) == 0 ? t.get(entity) : null;
                if (target != null && t.inverse() != null) {
                    relations.rawAdd(target, t.inverse(), entity); // set while it was transient: the other side did not follow
                }
                if (addIfNew(target)) {
                    work.push(target);
                }
            }
            for (ToManyMapping c : s.mapping.toManys()) {
                Object value = (s.expired & c.bit()) == 0 ? c.get(entity) : null;
                if (!(value instanceof Collection<?> elements)) {
                    continue;
                }
                if (!(value instanceof TrackedCollection)) {
                    elements.forEach(e -> relations.checkElement(s, c, e));
                    c.set(entity, TrackedCollection.of(relations, s, c, elements));
                }
                for (Object element : new ArrayList<>(elements)) {
                    Object current = relations.currentTarget(element, c.mappedBy());
                    if (current != entity) {
                        relations.rawRemove(current, c, element);
                        relations.setReference(element, c.mappedBy(), entity);
                    }
                    if (addIfNew(element)) {
                        work.push(element);
                    }
                }
            }
        }
    }

    private boolean addIfNew(Object target) {
        if (target == null || session.stateOf(target) != null) {
            return false;
        }
        session.lifecycle().add(target, session.context().mapping(target.getClass()));
        return true;
    }

    /**
     * {@code delete(parent)}'s cascade, before the parent is marked: each collection is loaded if it
     * is not, and its elements deleted (orphan removal, or ON DELETE CASCADE) or their reference
     * cleared; the parent leaves the loaded collections of the objects it references.
     */
    private void children(InstanceState s, Object entity, List<InstanceState> alsoDelete) {
        for (ToManyMapping c : s.mapping.toManys()) {
            if ((s.expired & c.bit()) != 0 && s.status == ObjectState.PERSISTENT) {
                relations.loadCollectionAsStored(s, entity, c);
            }
            Object value = c.get(entity);
            if (!(value instanceof Collection<?> elements)) {
                continue;
            }
            boolean deleteChildren = c.orphanRemoval() || c.mappedBy().onDelete() == OnDelete.CASCADE;
            for (Object child : new ArrayList<>(elements)) {
                InstanceState cs = session.stateOf(child);
                if (deleteChildren && cs != null) {
                    alsoDelete.add(cs);
                } else if (relations.currentTarget(child, c.mappedBy()) == entity) {
                    relations.setReference(child, c.mappedBy(), null);
                }
            }
        }
        for (ToOneMapping t : s.mapping.toOnes()) {
            if (t.inverse() != null) {
                relations.rawRemove(relations.currentTarget(s, entity, t), t.inverse(), entity);
            }
        }
    }

    /**
     * At the flush: elements taken out of an orphan-removal collection and not taken in again are
     * deleted. An autoflush ({@code auto}) deletes only those whose reference cannot be NULL, and
     * returns the others: they stay candidates for the next flush.
     */
    List<InstanceState> deleteOrphans(boolean auto) {
        PendingChanges pending = session.pending();
        List<InstanceState> kept = new ArrayList<>();
        while (!pending.orphans.isEmpty()) {
            InstanceState s = pending.orphans.iterator().next();
            pending.orphans.remove(s);
            Object entity = s.get();
            if (entity == null || (s.status != ObjectState.PENDING && s.status != ObjectState.PERSISTENT)) {
                continue;
            }
            boolean orphan = false;
            boolean nullable = true;
            for (ToOneMapping t : s.mapping.toOnes()) {
                if (t.inverse() != null && t.inverse().orphanRemoval()) {
                    if (relations.hasReference(s, entity, t)) {
                        orphan = false;
                        break;
                    }
                    orphan = true;
                    nullable &= t.nullable();
                }
            }
            if (!orphan) {
                continue;
            }
            if (auto && nullable) {
                kept.add(s);
            } else {
                delete(s);
            }
        }
        return kept;
    }

    /** Deletes an object and what its relationships say goes with it (orphans, ON DELETE CASCADE children). */
    void delete(InstanceState first) {
        List<InstanceState> level = List.of(first);
        while (!level.isEmpty()) {
            preload(level);
            List<InstanceState> next = new ArrayList<>();
            for (InstanceState s : level) {
                Object entity = s.get();
                if (entity == null || s.markedForDeletion
                        || (s.status != ObjectState.PERSISTENT && s.status != ObjectState.PENDING)) {
                    continue;
                }
                if (s.mapping.hasRelationships()) {
                    children(s, entity, next);
                }
                session.lifecycle().delete(s);
            }
            level = next;
        }
    }

    /**
     * Loads the unloaded collections of one level of a delete cascade together: one SELECT per
     * collection attribute and 500 parents (a subtree of depth 4 takes 4, not one per node).
     */
    private void preload(List<InstanceState> level) {
        java.util.Map<ToManyMapping, List<InstanceState>> unloaded = new java.util.LinkedHashMap<>();
        for (InstanceState s : level) {
            for (ToManyMapping c : s.mapping.toManys()) {
                if ((s.expired & c.bit()) != 0 && s.status == ObjectState.PERSISTENT && !s.markedForDeletion) {
                    unloaded.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
                }
            }
        }
        unloaded.forEach((c, parents) -> relations.loadAll(parents, c));
    }
}
