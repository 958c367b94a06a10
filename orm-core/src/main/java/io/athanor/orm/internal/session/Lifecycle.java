package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectState;
import io.athanor.orm.OrmException;
import io.athanor.orm.internal.mapping.EntityMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * The state transitions of objects in one session (transient, pending, persistent, deleted,
 * detached), and what commit, rollback and close do to every object.
 *
 * <p>An object of a class that was not enhanced cannot reload a value when it is read, so it is
 * never left expired: expiring it reloads it at once, {@code commit()} keeps its values (the ones
 * the database then held), {@code rollback()} detaches it (see
 * {@code SessionFactory.Builder.allowUnenhanced}).
 */
final class Lifecycle {
    private final SessionImpl session;
    /** Objects inserted in the current transaction: rollback makes them transient again. */
    private final List<InstanceState> insertedInTransaction = new ArrayList<>();
    /** Objects deleted (flushed or bulk) in the current transaction: rollback restores them. */
    private final List<InstanceState> deletedInTransaction = new ArrayList<>();

    Lifecycle(SessionImpl session) {
        this.session = session;
    }

    void add(Object entity, EntityMapping<?> m) {
        InstanceState existing = InstanceState.of(entity);
        if (existing == null && !m.enhanced()) {
            existing = session.snapshotStates.get(entity);
        }
        if (existing != null && existing.session == session) {
            return;
        }
        if (existing != null && existing.session != null) {
            throw new OrmException("cannot add " + m.describeInstance(entity) + ": it belongs to another open session; "
                    + "expunge it there or close that session first");
        }
        boolean detached = existing != null && existing.status == ObjectState.DETACHED;
        Object key = detached ? existing.key : m.id().get(entity);
        if (key != null && session.identityMap().get(m, key) != null) {
            throw new OrmException("cannot add " + m.describe(key) + ": another instance with that identity is already in "
                    + "this session; use session.get(" + m.name() + ".class, " + key + ") to work with that one");
        }
        InstanceState s = newState(entity, m);
        if (detached) {
            s.key = key;
            s.status = ObjectState.PERSISTENT;
            s.expired = existing.expired;
            s.modified = existing.modified;
            s.committed = existing.committed;
            session.identityMap().put(s);
            if (s.modified != 0) {
                changed(s);
            }
        } else {
            s.status = ObjectState.PENDING;
            s.pin();
            session.pending().added.add(s);
        }
    }

    InstanceState attachLoaded(EntityMapping<?> m, Object entity, Object key) {
        InstanceState s = newState(entity, m);
        s.key = key;
        s.status = ObjectState.PERSISTENT;
        if (!m.enhanced()) {
            s.snapshot(entity);
        }
        session.identityMap().put(s);
        return s;
    }

    private InstanceState newState(Object entity, EntityMapping<?> m) {
        InstanceState s = new InstanceState(entity, m, session, session.identityMap().queue());
        s.install(entity);
        if (!m.enhanced()) {
            session.snapshotStates.put(entity, s);
        }
        return s;
    }

    /** A loaded object was written to: hold it strongly until flushed. */
    void changed(InstanceState s) {
        if (s.status == ObjectState.PERSISTENT) {
            s.pin();
            session.pending().changed.add(s);
        }
    }

    void delete(InstanceState s) {
        if (s.status == ObjectState.PENDING) {
            forget(s);
        } else if (s.status == ObjectState.PERSISTENT) {
            s.markedForDeletion = true;
            s.pin();
            session.pending().deleted.add(s);
        }
    }

    void inserted(InstanceState s, Object key) {
        s.key = key;
        s.status = ObjectState.PERSISTENT;
        s.markClean(s.get());
        s.expired = 0;
        s.unpin();
        session.identityMap().put(s);
        insertedInTransaction.add(s);
    }

    void flushed(InstanceState s) {
        s.markClean(s.get());
        s.unpin();
        session.pending().changed.remove(s);
    }

    void flushedDelete(InstanceState s) {
        deleted(s);
    }

    /** The row is gone (flushed DELETE or bulk delete): out of the identity map until commit or rollback. */
    void deleted(InstanceState s) {
        s.markedForDeletion = false;
        s.status = ObjectState.DELETED;
        s.pin();
        session.identityMap().remove(s);
        session.pending().changed.remove(s);
        session.pending().deleted.remove(s);
        deletedInTransaction.add(s);
    }

    void expire(InstanceState s) {
        if (s.status != ObjectState.PERSISTENT) {
            return;
        }
        if (!s.mapping.enhanced()) {
            reload(s);
            return;
        }
        s.expired = s.mapping.allAttributes() & ~s.mapping.id().bit();
        s.unresolved = 0;
        s.modified = 0;
        s.committed = null;
        s.unpin();
        session.pending().changed.remove(s);
    }

    /** Expires only {@code properties} of a persistent object (an unenhanced one is reloaded at once). */
    void expire(InstanceState s, java.util.List<? extends io.athanor.orm.internal.mapping.Attribute> properties) {
        if (s.status != ObjectState.PERSISTENT) {
            return;
        }
        for (io.athanor.orm.internal.mapping.Attribute p : properties) {
            s.expireProperty(p.index());
        }
        if (!s.mapping.enhanced()) {
            reload(s);
        }
    }

    /** Expiry of an unenhanced object: reloaded from its row now; its row gone, it leaves the session. */
    private void reload(InstanceState s) {
        Object entity = s.get();
        if (entity != null && !session.loader().refreshIfPresent(s, entity)) {
            forget(s);
        }
    }

    /** Expunge: out of the session; pending objects become transient, others detached. */
    void forget(InstanceState s) {
        session.pending().remove(s);
        session.identityMap().remove(s);
        detach(s);
    }

    void afterCommit(boolean expire) {
        for (InstanceState s : deletedInTransaction) {
            detach(s);
        }
        deletedInTransaction.clear();
        insertedInTransaction.clear();
        if (expire) {
            // Not an unenhanced object: reloading it would begin a new transaction, and its values are the committed ones.
            session.identityMap().forEachLive(s -> {
                if (s.mapping.enhanced()) {
                    expire(s);
                }
            });
        }
    }

    void afterRollback() {
        PendingChanges uow = session.pending();
        for (InstanceState s : uow.added.snapshot()) {
            forget(s);
        }
        for (InstanceState s : insertedInTransaction) {
            if (s.status == ObjectState.PERSISTENT || s.status == ObjectState.DELETED) {
                session.identityMap().remove(s);
                detach(s);
                s.status = null;
                s.key = null;
            }
        }
        for (InstanceState s : deletedInTransaction) {
            if (s.status == ObjectState.DELETED && s.get() != null) {
                s.status = ObjectState.PERSISTENT;
                s.unpin();
                session.identityMap().put(s);
            }
        }
        insertedInTransaction.clear();
        deletedInTransaction.clear();
        for (InstanceState s : new ArrayList<>(uow.deleted)) {
            s.markedForDeletion = false;
        }
        uow.clear();
        for (InstanceState s : session.identityMap().all()) {
            if (!s.mapping.enhanced()) {
                forget(s); // its fields may hold values the rollback undid, and it cannot reload them when read
                continue;
            }
            s.modified = 0;
            s.committed = null;
            s.unpin();
            expire(s);
        }
    }

    void detachAll() {
        session.identityMap().forEachLive(this::detach);
        for (InstanceState s : session.pending().added.snapshot()) {
            detach(s);
        }
        for (InstanceState s : deletedInTransaction) {
            detach(s);
        }
        session.pending().clear();
        session.identityMap().clear();
        session.snapshotStates.clear();
    }

    /** No session any more: pending objects become transient, objects with a row detached. */
    private void detach(InstanceState s) {
        s.session = null;
        s.status = s.status == ObjectState.PENDING || s.status == null ? null : ObjectState.DETACHED;
        s.markedForDeletion = false;
        s.unpin();
        Object entity = s.get();
        if (entity != null && s.status == null) {
            if (s.mapping.enhanced()) {
                ((io.athanor.orm.enhance.EnhancedEntity) entity).$athanor$interceptor(null);
            }
        }
        if (entity != null && !s.mapping.enhanced() && s.status == null) {
            // Only objects of classes that are not enhanced are in there; a detached one stays, so that
            // state() says DETACHED and add() re-attaches it with its snapshot.
            session.snapshotStates.remove(entity);
        }
    }
}
