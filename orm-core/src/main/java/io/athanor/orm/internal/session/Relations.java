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
import java.util.Set;

/**
 * The session's part that knows relationships: it resolves references and loads collections
 * (lazily, or for every result of a query with {@code Query.load}), keeps the two sides of a
 * relationship in agreement in memory, cascades {@code add} to reachable new objects and
 * {@code delete} to children (orphan removal, ON DELETE CASCADE, else clearing their reference),
 * and deletes orphans at the flush.
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
            target = session.getLoaded(t.target(), key);
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
    private void loadCollectionAsStored(InstanceState s, Object entity, ToManyMapping c) {
        List<?> children = selectChildren(c, List.of(s.key));
        setCollection(s, entity, c, children);
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
                select(t.target(), in(t.target().id().column(), chunk), null);
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
            Map<Object, List<Object>> byParent = new HashMap<>();
            for (List<InstanceState> chunk : chunks(unloaded)) {
                List<Object> keys = chunk.stream().map(s -> s.key).toList();
                for (Object child : selectChildren(c, keys)) {
                    byParent.computeIfAbsent(parentKey(c, child), k -> new ArrayList<>()).add(child);
                }
            }
            for (InstanceState s : unloaded) {
                setCollection(s, s.get(), c, byParent.getOrDefault(s.key, List.of()));
            }
        }
    }

    /** The rows of {@code c}'s element entity that reference one of {@code parentKeys}, by key order. */
    private List<?> selectChildren(ToManyMapping c, List<Object> parentKeys) {
        EntityMapping<?> child = c.target();
        return select(child, in(c.mappedBy().column(), parentKeys), child.id().column());
    }

    private List<?> select(EntityMapping<?> m, Expression<Boolean> where, Column<?> orderBy) {
        Select select = session.persister(m).selectAll().where(where);
        Select ordered = orderBy == null ? select : select.orderBy(orderBy.asc());
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
     * Puts the loaded children into the collection, as the session sees them: a child moved away in
     * memory is left out, and a new or changed child that references the owner but is not flushed
     * yet (autoflush off, or a cascade in progress) is added.
     */
    private void setCollection(InstanceState s, Object entity, ToManyMapping c, List<?> children) {
        List<Object> own = new ArrayList<>(children.size());
        for (Object child : children) {
            if (s.key.equals(parentKey(c, child))) {
                own.add(child);
            }
        }
        PendingChanges pending = session.pending();
        for (Iterable<InstanceState> unflushed : List.<Iterable<InstanceState>>of(pending.added, pending.changed.snapshot())) {
            for (InstanceState child : unflushed) {
                Object e = child.get();
                if (child.mapping == c.target() && e != null && !own.contains(e) && currentTarget(e, c.mappedBy()) == entity) {
                    own.add(e);
                }
            }
        }
        c.set(entity, TrackedCollection.of(this, s, c, own));
        s.expired &= ~c.bit();
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

    /** After the user wrote a relationship field: the other side follows, and new objects join the session. */
    void written(InstanceState s, Object entity, Attribute a, Object before) {
        if (a instanceof ToOneMapping t) {
            Object after = t.get(entity);
            if (after == before) {
                return;
            }
            ToManyMapping inverse = t.inverse();
            if (inverse != null) {
                rawRemove(before, inverse, entity);
                rawAdd(after, inverse, entity);
                if (after == null && inverse.orphanRemoval() && s.status != null) {
                    session.pending().orphans.add(s);
                }
            }
            attach(after);
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
        attach(element);
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
            session.pending().orphans.add(s);
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
    private Object currentTarget(Object element, ToOneMapping back) {
        InstanceState s = session.stateOf(element);
        if (s != null && (s.unresolved & back.bit()) != 0) {
            return loadedTarget(back, s.refKeys[back.ordinal()]);
        }
        return s != null && (s.expired & back.bit()) != 0 ? null : back.get(element);
    }

    /** Writes a reference on the user's behalf, recorded as a change. */
    private void setReference(Object element, ToOneMapping back, Object target) {
        InstanceState s = session.stateOf(element);
        if (s != null) {
            s.recordWrite(element, back.index());
        }
        back.set(element, target);
    }

    /** Adds {@code element} to {@code parent}'s collection if that is loaded, without notifying. */
    private void rawAdd(Object parent, ToManyMapping c, Object element) {
        Collection<Object> collection = loadedCollection(parent, c);
        if (collection != null && !collection.contains(element)) {
            collection.add(element);
        }
    }

    private void rawRemove(Object parent, ToManyMapping c, Object element) {
        Collection<Object> collection = loadedCollection(parent, c);
        if (collection != null) {
            collection.remove(element);
        }
    }

    /** The elements of a loaded collection, to change without notifying; null when not loaded. */
    @SuppressWarnings("unchecked")
    private Collection<Object> loadedCollection(Object parent, ToManyMapping c) {
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

    // --- bulk statements (what the database did to loaded objects) -------------------------------

    /**
     * A bulk UPDATE set {@code t}'s foreign key of a loaded object to {@code key}: the object leaves
     * its old parent's loaded collection and joins the new one's; the reference holds the new
     * parent when it is loaded, else it is unresolved and loads on access. An unflushed change to
     * the reference is expired: the database wins.
     */
    void referenceFromDatabase(InstanceState s, Object entity, ToOneMapping t, Object key) {
        Object before = referencedNow(s, entity, t);
        ToManyMapping inverse = t.inverse();
        if (inverse != null) {
            rawRemove(before, inverse, entity);
        }
        s.refKeys[t.ordinal()] = key;
        boolean changedInMemory = s.isModified(t.index());
        Object target = loadedTarget(t, key);
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
            rawAdd(target, inverse, entity);
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

    /** The object a reference points at now, in memory (null when unknown or not loaded). */
    private Object referencedNow(InstanceState s, Object entity, ToOneMapping t) {
        if ((s.unresolved & t.bit()) != 0) {
            return loadedTarget(t, s.refKeys[t.ordinal()]);
        }
        return (s.expired & t.bit()) != 0 ? null : t.get(entity);
    }

    /**
     * A bulk DELETE removed these rows: each leaves the loaded collections of the objects it
     * referenced; loaded objects that referenced a removed row through an {@code ON DELETE CASCADE}
     * foreign key are marked deleted too (and so on, as the database did), those that referenced it
     * through {@code SET_NULL} get a null reference as committed state.
     */
    void deletedByDatabase(List<InstanceState> removed) {
        Deque<InstanceState> work = new ArrayDeque<>(removed);
        while (!work.isEmpty()) {
            InstanceState gone = work.pop();
            Object entity = gone.get();
            if (entity != null) {
                for (ToOneMapping t : gone.mapping.toOnes()) {
                    if (t.inverse() != null) {
                        rawRemove(referencedNow(gone, entity, t), t.inverse(), entity);
                    }
                }
            }
            for (EntityMapping<?> m : session.context().mappings()) {
                for (ToOneMapping t : m.toOnes()) {
                    if (t.target() == gone.mapping && t.onDelete() != OnDelete.NO_ACTION) {
                        for (InstanceState child : List.copyOf(session.identityMap().states(m))) {
                            if (child.status == ObjectState.PERSISTENT && gone.key.equals(storedKey(child, t))) {
                                afterParentDeleted(child, t, work);
                            }
                        }
                    }
                }
            }
        }
    }

    private void afterParentDeleted(InstanceState child, ToOneMapping t, Deque<InstanceState> work) {
        Object entity = child.get();
        if (entity == null) {
            return;
        }
        if (t.onDelete() == OnDelete.CASCADE) {
            session.lifecycle().deleted(child);
            work.push(child);
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

    // --- cascades --------------------------------------------------------------------------------

    /** Adds a new (or detached) object reachable through a relationship to the session, and what it reaches. */
    private void attach(Object target) {
        if (target != null && session.stateOf(target) == null) {
            session.lifecycle().add(target, session.context().mapping(target.getClass()));
            cascadeAdd(target);
        }
    }

    /**
     * {@code add(obj)}'s cascade: every object reachable through loaded relationships that is not
     * in the session is added; collections become tracked, and their elements reference their owner.
     */
    void cascadeAdd(Object root) {
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
                    rawAdd(target, t.inverse(), entity); // set while it was transient: the other side did not follow
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
                    elements.forEach(e -> checkElement(s, c, e));
                    c.set(entity, TrackedCollection.of(this, s, c, elements));
                }
                for (Object element : new ArrayList<>(elements)) {
                    Object current = currentTarget(element, c.mappedBy());
                    if (current != entity) {
                        rawRemove(current, c, element);
                        setReference(element, c.mappedBy(), entity);
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
    void cascadeDelete(InstanceState s, Object entity, List<InstanceState> alsoDelete) {
        for (ToManyMapping c : s.mapping.toManys()) {
            if ((s.expired & c.bit()) != 0 && s.status == ObjectState.PERSISTENT) {
                loadCollectionAsStored(s, entity, c);
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
                } else if (currentTarget(child, c.mappedBy()) == entity) {
                    setReference(child, c.mappedBy(), null);
                }
            }
        }
        for (ToOneMapping t : s.mapping.toOnes()) {
            if (t.inverse() != null) {
                Object parent = (s.unresolved & t.bit()) != 0 ? loadedTarget(t, s.refKeys[t.ordinal()])
                        : (s.expired & t.bit()) != 0 ? null : t.get(entity);
                rawRemove(parent, t.inverse(), entity);
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
                    if (currentTarget(entity, t) != null) {
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
                session.deleteWithCascade(s);
            }
        }
        return kept;
    }
}
