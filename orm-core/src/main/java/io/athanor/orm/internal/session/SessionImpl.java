package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectState;
import io.athanor.orm.OrmException;
import io.athanor.orm.Query;
import io.athanor.orm.Session;
import io.athanor.orm.internal.OrmContext;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.persistence.EntityPersister;
import io.athanor.sql.Column;
import io.athanor.sql.Select;
import io.athanor.sql.Statement;
import io.athanor.sql.Transaction;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Session} facade: checks and state transitions, delegating storage of objects to the
 * {@link IdentityMap}, pending work to the {@link UnitOfWork}, row loading to the {@link Loader}
 * and bulk statements to {@link BulkOperations}.
 */
public final class SessionImpl implements Session {
    private final OrmContext context;
    private final IdentityMap identityMap = new IdentityMap();
    private final UnitOfWork unitOfWork = new UnitOfWork(this);
    private final Loader loader = new Loader(this);
    private final Lifecycle lifecycle = new Lifecycle(this);
    /** States of objects whose class is not enhanced: found by identity, compared by snapshot at flush. */
    final Map<Object, InstanceState> snapshotStates = new IdentityHashMap<>();
    private Transaction transaction;
    private RuntimeException failedFlush;
    private boolean closed;
    /** Begins its transactions as writers ({@link io.athanor.sql.Database#beginWriting()}): inTransaction's sessions. */
    private final boolean writer;

    public SessionImpl(OrmContext context) {
        this(context, false);
    }

    public SessionImpl(OrmContext context, boolean writer) {
        this.context = context;
        this.writer = writer;
    }

    // --- Session API -----------------------------------------------------------------------------

    @Override
    public void add(Object entity) {
        checkOpen();
        lifecycle.add(entity, context.mapping(entity.getClass()));
    }

    @Override
    public <E> E get(Class<E> entityClass, Object id) {
        checkOpen();
        EntityMapping<E> m = context.mapping(entityClass);
        Class<?> idType = m.id().type();
        if (id == null || id.getClass() != idType) {
            throw new OrmException(m.name() + "'s id " + m.id() + " is " + idType.getName() + ", but get() was given "
                    + id + (id == null ? "" : " (" + id.getClass().getName() + ")"));
        }
        InstanceState s = identityMap.get(m, id);
        Object entity = s == null ? null : s.get();
        if (entity != null) {
            if (s.expired != 0 && !loader.loadExpiredIfPresent(s, entity)) {
                lifecycle.forget(s);
                return null;
            }
            return entityClass.cast(entity);
        }
        autoflush();
        EntityPersister p = persister(m);
        Object[] row = new Object[m.properties().size() + 1];
        row[m.id().index()] = id;
        List<E> found = transaction().query(p.selectById(), row, loader.rowMapper(m));
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public void delete(Object entity) {
        checkOpen();
        lifecycle.delete(requireState(entity, "delete"));
    }

    @Override
    public void flush() {
        checkOpen();
        requireUsable();
        if (!unitOfWork.hasWork()) {
            return;
        }
        Transaction tx = transaction();
        try {
            unitOfWork.flush(tx);
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    @Override
    public void commit() {
        flush();
        if (transaction != null) {
            Transaction tx = transaction;
            transaction = null;
            tx.commit();
        }
        lifecycle.afterCommit(context.expireOnCommit());
    }

    @Override
    public void rollback() {
        checkOpen();
        failedFlush = null;
        if (transaction != null) {
            Transaction tx = transaction;
            transaction = null;
            tx.rollback();
        }
        lifecycle.afterRollback();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (transaction != null) {
                transaction.rollback();
            }
        } finally {
            transaction = null;
            lifecycle.detachAll();
            closed = true;
        }
    }

    @Override
    public <E> Query<E> query(Class<E> entityClass) {
        checkOpen();
        return new QueryImpl<>(this, context.mapping(entityClass));
    }

    @Override
    public long execute(Statement statement) {
        checkOpen();
        if (statement instanceof Select) {
            throw new OrmException("execute() runs INSERT, UPDATE and DELETE; run a SELECT with Database/Transaction.query or session.query(Entity.class)");
        }
        autoflush();
        return transaction().execute(statement);
    }

    @Override
    public <E> long bulkUpdate(Class<E> entityClass, List<? extends Map<? extends Column<?>, ?>> rows) {
        checkOpen();
        return new BulkOperations(this).bulkUpdate(context.mapping(entityClass), rows);
    }

    @Override
    public void expire(Object entity) {
        checkOpen();
        lifecycle.expire(requirePersistent(entity, "expire"));
    }

    @Override
    public void expireAll() {
        checkOpen();
        for (InstanceState s : identityMap.all()) {
            lifecycle.expire(s);
        }
    }

    @Override
    public void refresh(Object entity) {
        checkOpen();
        InstanceState s = requirePersistent(entity, "refresh");
        if (!loader.refreshIfPresent(s, entity)) {
            throw new io.athanor.orm.ObjectDeletedException("cannot refresh " + s.mapping.describe(s.key) + ": its row is gone");
        }
    }

    @Override
    public void expunge(Object entity) {
        checkOpen();
        lifecycle.forget(requireState(entity, "expunge"));
    }

    @Override
    public boolean contains(Object entity) {
        return !closed && stateOf(entity) != null;
    }

    @Override
    public boolean isDirty(Object entity) {
        InstanceState s = stateOf(entity);
        if (s == null) {
            return false;
        }
        return s.status == ObjectState.PENDING || s.markedForDeletion || s.changedProperties(entity) != 0;
    }

    @Override
    public ObjectState state(Object entity) {
        context.mapping(entity.getClass());
        InstanceState s = stateOf(entity);
        if (s != null) {
            return s.status;
        }
        InstanceState foreign = InstanceState.of(entity);
        if (foreign != null && foreign.status != null) {
            return foreign.session == null && foreign.status != ObjectState.PENDING ? ObjectState.DETACHED : foreign.status;
        }
        return ObjectState.TRANSIENT;
    }

    // --- used by the session's parts --------------------------------------------------------------

    OrmContext context() {
        return context;
    }

    IdentityMap identityMap() {
        return identityMap;
    }

    UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    Loader loader() {
        return loader;
    }

    EntityPersister persister(EntityMapping<?> m) {
        return context.persister(m);
    }

    /** The session's transaction, begun on first use; refuses after a failed flush. */
    Transaction transaction() {
        checkOpen();
        requireUsable();
        if (transaction == null) {
            transaction = writer ? context.database().beginWriting() : context.database().begin();
        }
        return transaction;
    }

    void autoflush() {
        if (context.autoflush()) {
            flush();
        } else {
            requireUsable();
        }
    }

    /** The state of an object of this session, or null. */
    InstanceState stateOf(Object entity) {
        InstanceState s = InstanceState.of(entity);
        if (s != null) {
            return s.session == this ? s : null;
        }
        return snapshotStates.isEmpty() ? null : snapshotStates.get(entity);
    }

    boolean hasSnapshotObjects() {
        return !snapshotStates.isEmpty();
    }

    List<InstanceState> snapshotObjects() {
        List<InstanceState> out = new ArrayList<>();
        for (InstanceState s : snapshotStates.values()) {
            if (s.status == ObjectState.PERSISTENT) {
                out.add(s);
            }
        }
        return out;
    }

    void attachLoaded(EntityMapping<?> m, Object entity, Object key) {
        lifecycle.attachLoaded(m, entity, key);
    }

    void changed(InstanceState s) {
        lifecycle.changed(s);
    }

    void inserted(InstanceState s, Object key) {
        lifecycle.inserted(s, key);
    }

    void flushed(InstanceState s) {
        lifecycle.flushed(s);
    }

    void flushedDelete(InstanceState s) {
        lifecycle.flushedDelete(s);
    }

    void lifecycleExpire(InstanceState s) {
        lifecycle.expire(s);
    }

    void lifecycleDeleted(InstanceState s) {
        lifecycle.deleted(s);
    }

    /** After a failed bulk statement, as after a failed flush: roll back and refuse until rollback(). */
    void failed(RuntimeException e) {
        failedFlush = e;
        Transaction tx = transaction;
        transaction = null;
        if (tx != null) {
            try {
                tx.rollback();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
        }
    }

    void loadExpired(InstanceState s, Object entity) {
        checkOpen();
        loader.loadExpired(s, entity);
    }

    void loadVersionIfExpired(InstanceState s) {
        if (s.mapping.version() != null && s.isExpired(s.mapping.version().index()) && s.mapping.enhanced()) {
            loader.loadExpired(s, s.get());
        }
    }

    private InstanceState requireState(Object entity, String operation) {
        InstanceState s = stateOf(entity);
        if (s == null) {
            EntityMapping<?> m = context.mapping(entity.getClass());
            throw new OrmException("cannot " + operation + " " + m.describeInstance(entity) + ": it is "
                    + state(entity).name().toLowerCase() + ", not in this session");
        }
        return s;
    }

    private InstanceState requirePersistent(Object entity, String operation) {
        InstanceState s = requireState(entity, operation);
        if (s.status != ObjectState.PERSISTENT) {
            throw new OrmException("cannot " + operation + " " + s.mapping.describeInstance(entity) + ": it is "
                    + s.status.name().toLowerCase() + (s.status == ObjectState.PENDING ? " and has no row yet" : ""));
        }
        return s;
    }

    private void checkOpen() {
        if (closed) {
            throw new OrmException("this session is closed; open a new one with SessionFactory.openSession()");
        }
    }

    private void requireUsable() {
        if (failedFlush != null) {
            throw new OrmException("this session's transaction was rolled back because a flush failed ("
                    + failedFlush + "); call rollback() before using the session again", failedFlush);
        }
    }
}
