package io.athanor.orm.internal.session;

import io.athanor.orm.DetachedInstanceException;
import io.athanor.orm.ObjectState;
import io.athanor.orm.enhance.EnhancedEntity;
import io.athanor.orm.enhance.PropertyInterceptor;
import io.athanor.orm.internal.mapping.Attribute;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.orm.internal.mapping.ToManyMapping;
import io.athanor.orm.internal.mapping.ToOneMapping;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * What a session knows about one object: its key, status, which properties are expired, which were
 * changed and their committed values. It refers to the object weakly, so a clean object the program
 * no longer uses can be collected; {@link #pin()} holds it strongly while it has unflushed work.
 * As the object's {@link PropertyInterceptor} (enhanced classes), it records writes and reloads
 * expired properties on read.
 */
public final class InstanceState extends WeakReference<Object> implements PropertyInterceptor {
    /** Marks a committed value that was expired when the property was written: unknown, so always changed. */
    static final Object UNKNOWN = new Object();

    final EntityMapping<?> mapping;
    SessionImpl session;
    Object key;
    ObjectState status;
    /** Strong reference while the object has unflushed work (or always, for classes that are not enhanced). */
    private Object pinned;
    /** Attributes whose value the session does not know: a property to reload, a reference's key, an unloaded collection. */
    long expired;
    /** References whose key is known ({@link #refKeys}) but whose object is not in the field yet. */
    long unresolved;
    long modified;
    /**
     * Enhanced: committed values of modified attributes (for a reference, the key it referenced).
     * Not enhanced: snapshot of all values at load.
     */
    Object[] committed;
    /** The foreign keys of the references as the database holds them, by {@link ToOneMapping#ordinal()}; null without references. */
    Object[] refKeys;
    /** The value a relationship field held before the write now in progress, for {@link #afterWrite}. */
    private Object replaced;
    boolean markedForDeletion;
    /** The {@link StateQueue}s of {@link PendingChanges} the state is in (bits). */
    int queues;
    /** {@link IdentityMap}'s chaining: the next state in the same slot, the key's hash, and whether it is mapped. */
    InstanceState nextInMap;
    int mapHash;
    boolean inMap;

    InstanceState(Object entity, EntityMapping<?> mapping, SessionImpl session, ReferenceQueue<Object> queue) {
        super(entity, queue);
        this.mapping = mapping;
        this.session = session;
        if (!mapping.enhanced()) {
            pinned = entity; // no interception: the session must keep it to compare snapshots at flush
        }
        if (!mapping.toOnes().isEmpty()) {
            refKeys = new Object[mapping.toOnes().size()];
        }
    }

    /** The state installed on an enhanced object, or null. */
    static InstanceState of(Object entity) {
        return entity instanceof EnhancedEntity e && e.$athanor$interceptor() instanceof InstanceState s ? s : null;
    }

    void install(Object entity) {
        if (entity instanceof EnhancedEntity e) {
            e.$athanor$interceptor(this);
        }
    }

    void pin() {
        pinned = get();
    }

    void unpin() {
        if (mapping.enhanced()) {
            pinned = null;
        }
    }

    public EntityMapping<?> mapping() {
        return mapping;
    }

    public Object key() {
        return key;
    }

    public ObjectState status() {
        return status;
    }

    boolean isExpired(int property) {
        return ((expired | unresolved) & EntityMapping.bit(property)) != 0;
    }

    boolean isModified(int property) {
        return (modified & EntityMapping.bit(property)) != 0;
    }

    /** Forgets one property's value (and any unflushed change to it): it reloads on the next read. */
    void expireProperty(int property) {
        long bit = EntityMapping.bit(property);
        expired |= bit;
        unresolved &= ~bit;
        if ((modified & bit) != 0) {
            modified &= ~bit;
            if (committed != null && mapping.enhanced()) {
                committed[property] = null;
            }
        }
    }

    /** Sets a property to a value the database now holds: committed state, not a change to flush. */
    /**
     * A value the database now holds for {@code p}, set by a bulk statement: it becomes committed
     * state, unless the object has an unflushed change to {@code p}, which is expired instead (the
     * database wins over a change it has not seen).
     */
    void setFromDatabase(Object entity, PropertyMapping p, Object value) {
        if (isModified(p.index())) {
            expireProperty(p.index());
        } else {
            setCommitted(entity, p, value);
        }
    }

    void setCommitted(Object entity, Attribute p, Object value) {
        p.set(entity, value);
        expired &= ~EntityMapping.bit(p.index());
        if (!mapping.enhanced() && committed != null) {
            committed[p.index()] = value;
        }
    }

    /** Records the committed value before the first change of an attribute of a loaded object. */
    @Override
    public void beforeWrite(Object entity, int property) {
        Attribute a = mapping.attribute(property);
        if (!(a instanceof PropertyMapping)) {
            beforeRelationshipWrite(entity, a);
        }
        recordWrite(entity, property);
    }

    /**
     * The bookkeeping of a write: the committed value kept before the first change of a column
     * attribute, and the object queued for the flush. Also called for writes the session makes
     * itself to keep the two sides of a relationship in agreement.
     */
    void recordWrite(Object entity, int property) {
        long bit = EntityMapping.bit(property);
        Attribute a = mapping.attribute(property);
        if (a instanceof ToManyMapping) {
            expired &= ~bit;
            return; // a collection has no column: its elements' references carry the change
        }
        if (status == ObjectState.PENDING || status == null) {
            expired &= ~bit;
            unresolved &= ~bit;
            return; // a pending object is inserted whole; nothing to compare with
        }
        if ((modified & bit) == 0) {
            if (committed == null) {
                committed = new Object[mapping.attributes().size()];
            }
            committed[property] = committedValue(entity, a, bit);
            modified |= bit;
        }
        expired &= ~bit;
        unresolved &= ~bit;
        if (session != null) {
            session.lifecycle().changed(this);
        }
    }

    /** The value to compare with at flush: a property's value, or the key a reference held. */
    private Object committedValue(Object entity, Attribute a, long bit) {
        if ((expired & bit) != 0) {
            return UNKNOWN;
        }
        if (a instanceof ToOneMapping t) {
            return (unresolved & bit) != 0 ? refKeys[t.ordinal()] : t.keyOf(t.get(entity));
        }
        return ((PropertyMapping) a).get(entity);
    }

    /** Before a relationship field is replaced: remember what it held, loading it first if it must. */
    private void beforeRelationshipWrite(Object entity, Attribute a) {
        replaced = null;
        if (session == null) {
            return;
        }
        if ((expired & a.bit()) != 0 && status == ObjectState.PERSISTENT) {
            // What it held decides what the other side loses (and whether an orphan is made): know it.
            session.loadForWrite(this, entity, a);
        }
        if (a instanceof ToOneMapping t && (unresolved & t.bit()) != 0) {
            Object key = refKeys[t.ordinal()];
            Object target = session.relations().loadedTarget(t, key);
            replaced = target != null || key == null ? target : new Relations.UnloadedTarget(key);
        } else if ((expired & a.bit()) == 0) {
            replaced = a.get(entity);
        }
    }

    /** After a relationship field was written: the other side follows. */
    @Override
    public void afterWrite(Object entity, int property) {
        Object before = replaced;
        replaced = null;
        if (session != null) {
            session.relations().written(this, entity, mapping.attribute(property), before);
        }
    }

    /**
     * Loads what is not known before it is read: expired properties (one SELECT of the row), an
     * unresolved reference (the identity map, else one SELECT), an unloaded collection (one
     * SELECT). A detached object has nothing to load them with.
     */
    @Override
    public void beforeRead(Object entity, int property) {
        long bit = EntityMapping.bit(property);
        if (((expired | unresolved) & bit) == 0) {
            return;
        }
        if (session == null) {
            Attribute a = mapping.attribute(property);
            throw new DetachedInstanceException(mapping.describe(key) + " is detached: its "
                    + (a instanceof PropertyMapping ? "property " + a.name() + " was expired"
                    : "relationship " + a.name() + " is not loaded")
                    + " and cannot be loaded without a session");
        }
        session.loadAttribute(this, entity, property);
    }

    /**
     * The mask of properties whose current value differs from the committed one: for enhanced objects
     * only the modified ones are compared; otherwise every property against the snapshot.
     */
    long changedProperties(Object entity) {
        if (mapping.enhanced()) {
            long changed = 0;
            for (long m = modified; m != 0; m &= m - 1) {
                int i = Long.numberOfTrailingZeros(m);
                Object before = committed[i];
                if (before == UNKNOWN || changed(mapping.attribute(i), before, entity)) {
                    changed |= EntityMapping.bit(i);
                }
            }
            return changed;
        }
        if (committed == null) {
            return 0;
        }
        long changed = 0;
        for (PropertyMapping p : mapping.properties()) {
            if (!PropertyMapping.sameValue(committed[p.index()], p.get(entity))) {
                changed |= p.bit();
            }
        }
        return changed;
    }

    /**
     * A property changed when its value differs; a reference when it holds another key, or an
     * object whose key is not assigned yet (a new object, inserted in the same flush).
     */
    private static boolean changed(Attribute a, Object before, Object entity) {
        if (a instanceof ToOneMapping t) {
            Object target = t.get(entity);
            Object key = t.keyOf(target);
            return (target != null && key == null) || !PropertyMapping.sameValue(before, key);
        }
        return !PropertyMapping.sameValue(before, ((PropertyMapping) a).get(entity));
    }

    /** After a flush or load: the current values are the committed ones. */
    void markClean(Object entity) {
        modified = 0;
        for (ToOneMapping t : mapping.toOnes()) {
            if (((expired | unresolved) & t.bit()) == 0) {
                refKeys[t.ordinal()] = t.keyOf(t.get(entity));
            }
        }
        if (mapping.enhanced()) {
            committed = null;
        } else {
            snapshot(entity);
        }
    }

    void snapshot(Object entity) {
        Object[] values = new Object[mapping.attributes().size()];
        for (PropertyMapping p : mapping.properties()) {
            values[p.index()] = p.get(entity);
        }
        committed = values;
    }

    @Override
    public String toString() {
        return mapping.describe(key) + " " + status;
    }
}
