package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectState;
import io.athanor.orm.annotations.OnDelete;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.ToManyMapping;
import io.athanor.orm.internal.mapping.ToOneMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a bulk UPDATE or DELETE did to related objects the session holds (see docs/synchronize.md,
 * "Relationships"): a reference whose foreign key the statement set moves between loaded
 * collections; deleted rows leave loaded collections, and the database's {@code ON DELETE}
 * actions are applied to loaded children (CASCADE: deleted too; SET NULL: a null reference as
 * committed state). Stateless besides its session.
 */
final class RelationSync {
    private final SessionImpl session;
    private final Relations relations;

    RelationSync(SessionImpl session) {
        this.session = session;
        this.relations = session.relations();
    }

    /**
     * A bulk UPDATE set {@code t}'s foreign key of a loaded object to {@code key}: the object leaves
     * its old parent's loaded collection and joins the new one's; the reference holds the new
     * parent when it is loaded, else it is unresolved and loads on access. An unflushed change to
     * the reference is expired: the database wins.
     */
    void referenceFromDatabase(InstanceState s, Object entity, ToOneMapping t, Object key) {
        Object before = relations.currentTarget(s, entity, t);
        ToManyMapping inverse = t.inverse();
        if (inverse != null) {
            relations.rawRemove(before, inverse, entity);
        }
        s.refKeys[t.ordinal()] = key;
        boolean changedInMemory = s.isModified(t.index());
        Object target = relations.loadedTarget(t, key);
        if (changedInMemory) {
            s.expireProperty(t.index()); // the key is stored, so it reloads from the database's value
        } else if (target != null || key == null) {
            t.set(entity, target);
            s.expired &= ~t.bit();
            s.unresolved &= ~t.bit();
        } else {
            s.expired &= ~t.bit();
            s.unresolved |= t.bit();
        }
        if (inverse != null) {
            relations.rawAdd(target, inverse, entity);
        }
    }

    /**
     * A bulk UPDATE set {@code t} to a value Java cannot compute: the reference is expired, and so is
     * every loaded collection it could have joined or left.
     */
    void referenceUnknown(InstanceState s, Object entity, ToOneMapping t) {
        s.expireProperty(t.index());
        ToManyMapping inverse = t.inverse();
        if (inverse != null) {
            for (InstanceState parent : session.identityMap().states(t.target())) {
                parent.expired |= inverse.bit();
            }
        }
    }

    /**
     * A bulk DELETE removed these rows: each leaves the loaded collections of the objects it
     * referenced; loaded objects that referenced a removed row through an {@code ON DELETE CASCADE}
     * foreign key are marked deleted too (and so on, as the database did), those that referenced it
     * through {@code SET_NULL} get a null reference as committed state.
     */
    void deletedByDatabase(List<InstanceState> removed) {
        List<InstanceState> wave = removed;
        while (!wave.isEmpty()) {
            Map<EntityMapping<?>, Set<Object>> goneKeys = new HashMap<>();
            for (InstanceState gone : wave) {
                Object entity = gone.get();
                if (entity != null) {
                    for (ToOneMapping t : gone.mapping.toOnes()) {
                        if (t.inverse() != null) {
                            relations.rawRemove(relations.currentTarget(gone, entity, t), t.inverse(), entity);
                        }
                    }
                }
                goneKeys.computeIfAbsent(gone.mapping, k -> new HashSet<>()).add(gone.key);
            }
            // One pass over each referencing entity's loaded objects per wave, not one per removed row.
            List<InstanceState> next = new ArrayList<>();
            for (EntityMapping<?> m : session.context().mappings()) {
                for (ToOneMapping t : m.toOnes()) {
                    Set<Object> keys = goneKeys.get(t.target());
                    if (keys == null || t.onDelete() == OnDelete.NO_ACTION) {
                        continue;
                    }
                    for (InstanceState child : List.copyOf(session.identityMap().states(m))) {
                        if (child.status == ObjectState.PERSISTENT && keys.contains(relations.storedKey(child, t))) {
                            afterParentDeleted(child, t, next);
                        }
                    }
                }
            }
            wave = next;
        }
    }

    private void afterParentDeleted(InstanceState child, ToOneMapping t, List<InstanceState> cascaded) {
        Object entity = child.get();
        if (entity == null) {
            return;
        }
        if (t.onDelete() == OnDelete.CASCADE) {
            session.lifecycle().deleted(child);
            cascaded.add(child);
        } else {
            child.refKeys[t.ordinal()] = null;
            if (child.isModified(t.index())) {
                child.expireProperty(t.index());
            } else {
                t.set(entity, null);
                child.unresolved &= ~t.bit();
            }
        }
    }
}
