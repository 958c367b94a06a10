package io.athanor.orm.internal.session;

import io.athanor.orm.DetachedInstanceException;
import io.athanor.orm.ObjectState;
import io.athanor.orm.enhance.EnhancedEntity;
import io.athanor.orm.enhance.PropertyInterceptor;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
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
    long expired;
    long modified;
    /** Enhanced: committed values of modified properties. Not enhanced: snapshot of all values at load. */
    Object[] committed;
    boolean markedForDeletion;
    /** Set while the state is in the unit of work's {@link ChangedStates}. */
    boolean queuedForFlush;
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
        return (expired & EntityMapping.bit(property)) != 0;
    }

    boolean isModified(int property) {
        return (modified & EntityMapping.bit(property)) != 0;
    }

    /** Forgets one property's value (and any unflushed change to it): it reloads on the next read. */
    void expireProperty(int property) {
        long bit = EntityMapping.bit(property);
        expired |= bit;
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

    void setCommitted(Object entity, PropertyMapping p, Object value) {
        p.set(entity, value);
        expired &= ~EntityMapping.bit(p.index());
        if (!mapping.enhanced() && committed != null) {
            committed[p.index()] = value;
        }
    }

    /** Records the committed value before the first change of a property of a loaded object. */
    @Override
    public void beforeWrite(Object entity, int property) {
        if (status == ObjectState.PENDING || status == null) {
            return; // a pending object is inserted whole; nothing to compare with
        }
        long bit = EntityMapping.bit(property);
        if ((modified & bit) == 0) {
            if (committed == null) {
                committed = new Object[mapping.properties().size()];
            }
            committed[property] = (expired & bit) != 0 ? UNKNOWN : mapping.property(property).get(entity);
            modified |= bit;
        }
        expired &= ~bit;
        if (session != null) {
            session.lifecycle().changed(this);
        }
    }

    /** Loads expired properties before they are read; a detached object has nothing to load them with. */
    @Override
    public void beforeRead(Object entity, int property) {
        if ((expired & EntityMapping.bit(property)) == 0) {
            return;
        }
        if (session == null) {
            throw new DetachedInstanceException(mapping.describe(key) + " is detached: its property "
                    + mapping.property(property).name() + " was expired and cannot be loaded without a session");
        }
        session.loadExpired(this, entity);
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
                if (before == UNKNOWN || !PropertyMapping.sameValue(before, mapping.property(i).get(entity))) {
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
                changed |= EntityMapping.bit(p.index());
            }
        }
        return changed;
    }

    /** After a flush or load: the current values are the committed ones. */
    void markClean(Object entity) {
        modified = 0;
        if (mapping.enhanced()) {
            committed = null;
        } else {
            snapshot(entity);
        }
    }

    void snapshot(Object entity) {
        Object[] values = new Object[mapping.properties().size()];
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
