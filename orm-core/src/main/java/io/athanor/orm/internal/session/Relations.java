package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectDeletedException;
import io.athanor.orm.ObjectState;
import io.athanor.orm.OrmException;
import io.athanor.orm.annotations.OnDelete;
import io.athanor.orm.internal.mapping.Attribute;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.ToManyMapping;
import io.athanor.orm.internal.mapping.ToOneMapping;
import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import io.athanor.sql.Select;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The session's part that knows relationships: it resolves references and loads collections
 * (lazily, or for every result of a query with {@code Query.load}) and keeps the two sides of a
 * relationship in agreement in memory. {@link Cascades} builds on it for {@code add} and
 * {@code delete}, {@link RelationSync} for bulk statements.
 *
 * <p>Writes it makes to keep the sides in agreement go straight to the fields and are recorded
 * with {@link InstanceState#recordWrite}, so they are flushed like the user's own and never
 * trigger the interceptor again.
 */
final class Relations {
    /** Keys per {@code IN} list when loading for many objects at once. */
    static final int KEYS_PER_SELECT = 500;

    private final SessionImpl session;

    Relations(SessionImpl session) {
        this.session = session;
    }

    // --- loading ---------------------------------------------------------------------------------

    /** The live object of {@code t}'s target with that key in the identity map, or null. */
    Object loadedTarget(ToOneMapping t, Object key) {
        if (key == null) {
            return null;
        }
        InstanceState s = session.identityMap().get(t.target(), key);
        return s == null || s.status != ObjectState.PERSISTENT ? null : s.get();
    }

    /** The foreign key of {@code t} as the database holds it for this object, or null when not known. */
    Object storedKey(InstanceState s, ToOneMapping t) {
        return (s.expired & t.bit()) != 0 || s.refKeys == null ? null : s.refKeys[t.ordinal()];
    }

    /** Puts the referenced object into an unresolved reference: from the identity map, else one SELECT. */
    void resolve(InstanceState s, Object entity, ToOneMapping t) {
        Object key = s.refKeys[t.ordinal()];
        Object target = loadedTarget(t, key);
        if (target == null && key != null) {
            target = session.loader().get(t.target(), key);
            if (target == null) {
                throw new ObjectDeletedException(s.mapping.describe(s.key) + "." + t.name() + " references "
                        + t.target().describe(key) + ", whose row is gone");
            }
        }
        t.set(entity, target);
        s.unresolved &= ~t.bit();
    }

    /** Loads an unloaded collection with one SELECT (after autoflush). */
    void loadCollection(InstanceState s, Object entity, ToManyMapping c) {
        session.autoflush();
        loadCollectionAsStored(s, entity, c);
    }

    /**
     * Loads an unloaded collection without flushing first: a cascade in progress (a delete marking
     * one object after another) must not be flushed half done.
     */
    void loadCollectionAsStored(InstanceState s, Object entity, ToManyMapping c) {
        ArrayList<Object> own = new ArrayList<>();
        for (Object child : selectChildren(c, List.of(s.key))) {
            if (s.key.equals(parentKey(c, child))) { // a child moved away in memory is not the session's answer
                own.add(child);
            }
        }
        setCollection(s, entity, c, own, unflushed(c.target()));
    }

    /**
     * {@code Query.load}: loads {@code a} for every object of {@code states} that does not hold it
     * yet, with one SELECT per {@value #KEYS_PER_SELECT} keys.
     */
    void loadAll(List<InstanceState> states, Attribute a) {
        if (a instanceof ToOneMapping t) {
            Set<Object> missing = new LinkedHashSet<>();
            for (InstanceState s : states) {
                Object key = s.refKeys[t.ordinal()];
                if ((s.unresolved & t.bit()) != 0 && key != null && loadedTarget(t, key) == null) {
                    missing.add(key);
                }
            }
            for (List<Object> chunk : chunks(new ArrayList<>(missing))) {
                select(t.target(), in(t.target().id().column(), chunk));
            }
            for (InstanceState s : states) {
                Object entity = s.get();
                if (entity != null && (s.unresolved & t.bit()) != 0) {
                    Object target = loadedTarget(t, s.refKeys[t.ordinal()]);
                    if (target != null || s.refKeys[t.ordinal()] == null) {
                        t.set(entity, target);
                        s.unresolved &= ~t.bit();
                    }
                }
            }
        } else if (a instanceof ToManyMapping c) {
            List<InstanceState> unloaded = states.stream().filter(s -> (s.expired & c.bit()) != 0 && s.get() != null).toList();
            Map<Object, ArrayList<Object>> byParent = new HashMap<>();
            for (List<InstanceState> chunk : chunks(unloaded)) {
                List<Object> keys = chunk.stream().map(s -> s.key).toList();
                Object runKey = null;
                ArrayList<Object> run = null;
                // Children come ordered by foreign key: one map lookup per parent, not per child.
                for (Object child : selectChildren(c, keys)) {
                    Object parent = parentKey(c, child); // the parent it references now, in memory
                    if (run == null || !Objects.equals(parent, runKey)) {
                        runKey = parent;
                        run = byParent.computeIfAbsent(parent, k -> new ArrayList<>());
                    }
                    run.add(child);
                }
            }
            List<Object> unflushed = unflushed(c.target());
            for (InstanceState s : unloaded) {
                ArrayList<Object> own = byParent.get(s.key); // grouped by the parent each child references now
                setCollection(s, s.get(), c, own == null ? new ArrayList<>() : own, unflushed);
            }
        }
    }

    /**
     * The children of those parents, each parent's in key order: ordered by foreign key, then key,
     * which the foreign key's index gives without a sort.
     */
    private List<?> selectChildren(ToManyMapping c, List<Object> parentKeys) {
        EntityMapping<?> child = c.target();
        Column<?> fk = c.mappedBy().column();
        return select(child, in(fk, parentKeys), fk, child.id().column());
    }

    private List<?> select(EntityMapping<?> m, Expression<Boolean> where, Column<?>... orderBy) {
        Select select = session.persister(m).selectAll().where(where);
        Select ordered = orderBy.length == 0 ? select
                : select.orderBy(java.util.Arrays.stream(orderBy).map(Column::asc).toArray(io.athanor.sql.Ordering[]::new));
        return session.sql().run(tx -> tx.query(ordered, session.loader().rowMapper(m)));
    }

    /** The key of the parent a loaded child references now (in memory, else as stored). */
    private Object parentKey(ToManyMapping c, Object child) {
        InstanceState s = session.stateOf(child);
        ToOneMapping back = c.mappedBy();
        if (s != null && ((s.unresolved | s.expired) & back.bit()) != 0) {
            return s.refKeys[back.ordinal()];
        }
        return back.keyOf(back.get(child));
    }

    /**
     * Puts the loaded children into the collection, as the session sees them: {@code own} are the
     * loaded children that reference the owner now (a child moved away in memory is not among
     * them), and a new or changed child that references the owner but is not flushed yet
     * ({@code unflushed}: autoflush off, or a cascade in progress) is added. The collection takes
     * {@code own} over.
     */
    private void setCollection(InstanceState s, Object entity, ToManyMapping c, ArrayList<Object> own, List<Object> unflushed) {
        for (Object e : unflushed) {
            if (!own.contains(e) && currentTarget(e, c.mappedBy()) == entity) {
                own.add(e);
            }
        }
        c.set(entity, TrackedCollection.adopt(this, s, c, own));
        s.expired &= ~c.bit();
    }

    /** The live objects of {@code m} with changes not flushed yet (new or changed); usually none. */
    private List<Object> unflushed(EntityMapping<?> m) {
        PendingChanges pending = session.pending();
        if (pending.added.isEmpty() && pending.changed.isEmpty()) {
            return List.of();
        }
        List<Object> out = new ArrayList<>();
        for (Iterable<InstanceState> states : List.<Iterable<InstanceState>>of(pending.added, pending.changed.snapshot())) {
            for (InstanceState child : states) {
                Object e = child.get();
                if (child.mapping == m && e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Expression<Boolean> in(Column<?> column, List<Object> keys) {
        return ((Column) column).in(keys.toArray());
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += KEYS_PER_SELECT) {
            out.add(all.subList(i, Math.min(all.size(), i + KEYS_PER_SELECT)));
        }
        return out;
    }

    // --- both sides in agreement -----------------------------------------------------------------

    /**
     * What a reference held before a write when its target is not in the session (it was never
     * loaded, or it was collected): its key. Not null, so the write is known to have taken the
     * object away from a parent.
     */
    record UnloadedTarget(Object key) {
    }

    /** After the user wrote a relationship field: the other side follows, and new objects join the session. */
    void written(InstanceState s, Object entity, Attribute a, Object before) {
        if (a instanceof ToOneMapping t) {
            Object after = t.get(entity);
            boolean referencedUnloaded = before instanceof UnloadedTarget;
            Object beforeObject = referencedUnloaded ? null : before;
            if (after == beforeObject && !referencedUnloaded) {
                return;
            }
            ToManyMapping inverse = t.inverse();
            if (inverse != null) {
                rawRemove(beforeObject, inverse, entity);
                rawAdd(after, inverse, entity);
                if (after == null && before != null && inverse.orphanRemoval() && s.status != null) {
                    session.pending().addOrphan(s); // taken from its parent, loaded or not
                }
            }
            session.cascades().attach(after);
        } else if (a instanceof ToManyMapping c) {
            Object after = c.get(entity);
            if (after == before) {
                return;
            }
            Collection<?> old = before instanceof Collection<?> b ? new ArrayList<>(b) : List.of();
            Collection<?> now = after instanceof Collection<?> n ? n : List.of();
            if (after != null) {
                c.set(entity, TrackedCollection.of(this, s, c, now));
            }
            for (Object element : old) {
                if (!now.contains(element)) {
                    removed(s, c, element);
                }
            }
            for (Object element : now) {
                if (!old.contains(element)) {
                    checkElement(s, c, element);
                    added(s, c, element);
                }
            }
        }
    }

    /** An element was added to {@code owner}'s collection: its reference now points at the owner. */
    void added(InstanceState owner, ToManyMapping c, Object element) {
        Object parent = owner.get();
        ToOneMapping back = c.mappedBy();
        Object current = currentTarget(element, back);
        if (current != parent) {
            rawRemove(current, c, element);
            setReference(element, back, parent);
        }
        session.pending().orphans.remove(session.stateOf(element));
        session.cascades().attach(element);
    }

    /** An element was removed from {@code owner}'s collection: its reference is cleared, or it is an orphan. */
    void removed(InstanceState owner, ToManyMapping c, Object element) {
        if (element == null) {
            return;
        }
        if (currentTarget(element, c.mappedBy()) == owner.get()) {
            setReference(element, c.mappedBy(), null);
        }
        InstanceState s = session.stateOf(element);
        if (c.orphanRemoval() && s != null) {
            session.pending().addOrphan(s);
        }
    }

    /** Refuses what a collection cannot hold, before it holds it. */
    void checkElement(InstanceState owner, ToManyMapping c, Object element) {
        if (element == null || !c.elementType().isInstance(element)) {
            throw new OrmException("cannot add " + (element == null ? "null" : "a " + element.getClass().getName())
                    + " to " + c + " of " + RowOrder.name(owner) + ": it holds " + c.elementType().getSimpleName()
                    + " objects");
        }
    }

    /** The object a reference points at now; an unresolved one is looked up without SQL (null when not loaded). */
    Object currentTarget(Object element, ToOneMapping back) {
        InstanceState s = session.stateOf(element);
        return s == null ? back.get(element) : currentTarget(s, element, back);
    }

    /** {@link #currentTarget(Object, ToOneMapping)} of an object of this session, its state known. */
    Object currentTarget(InstanceState s, Object entity, ToOneMapping t) {
        if ((s.unresolved & t.bit()) != 0) {
            return loadedTarget(t, s.refKeys[t.ordinal()]);
        }
        return (s.expired & t.bit()) != 0 ? null : t.get(entity);
    }

    /**
     * True when the reference points at something now: a held object, or a key whose object is not
     * loaded (or was collected), which {@link #currentTarget} cannot tell from no reference.
     */
    boolean hasReference(InstanceState s, Object entity, ToOneMapping t) {
        if ((s.unresolved & t.bit()) != 0 || (s.expired & t.bit()) != 0) {
            return (s.expired & t.bit()) != 0 || s.refKeys[t.ordinal()] != null;
        }
        return t.get(entity) != null;
    }

    /** Writes a reference on the user's behalf, recorded as a change. */
    void setReference(Object element, ToOneMapping back, Object target) {
        InstanceState s = session.stateOf(element);
        if (s != null) {
            s.recordWrite(element, back.index());
        }
        back.set(element, target);
    }

    /** Adds {@code element} to {@code parent}'s collection if that is loaded, without notifying. */
    void rawAdd(Object parent, ToManyMapping c, Object element) {
        Collection<Object> collection = loadedCollection(parent, c);
        if (collection != null && !collection.contains(element)) {
            collection.add(element);
        }
    }

    void rawRemove(Object parent, ToManyMapping c, Object element) {
        Collection<Object> collection = loadedCollection(parent, c);
        if (collection != null) {
            collection.remove(element);
        }
    }

    /** The elements of a loaded collection, to change without notifying; null when not loaded. */
    @SuppressWarnings("unchecked")
    Collection<Object> loadedCollection(Object parent, ToManyMapping c) {
        if (parent == null) {
            return null;
        }
        InstanceState s = session.stateOf(parent);
        if (s != null && (s.expired & c.bit()) != 0) {
            return null;
        }
        Object value = c.get(parent);
        return value instanceof TrackedCollection t ? t.raw() : value instanceof Collection<?> plain ? (Collection<Object>) plain : null;
    }
}
