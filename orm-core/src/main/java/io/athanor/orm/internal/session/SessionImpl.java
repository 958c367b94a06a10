package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectState;
import io.athanor.orm.OrmException;
import io.athanor.orm.Query;
import io.athanor.orm.Session;
import io.athanor.orm.internal.OrmContext;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.persistence.EntityPersister;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.sql.Column;
import io.athanor.sql.CompiledSql;
import io.athanor.sql.RowMapper;
import io.athanor.sql.Select;
import io.athanor.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Session} facade: checks and state transitions, delegating storage of objects to the
 * {@link IdentityMap}, pending work to {@link PendingChanges} and each flush to a {@link FlushPlan},
 * row loading to the {@link Loader}, relationships to {@link Relations},
 * bulk statements to {@link BulkOperations} and the database transaction, with the failure guard
 * every SQL operation passes through, to {@link SessionTransaction}.
 *
 * <p>Not thread-safe, and it says so: every public operation runs under the {@link SessionOwner},
 * which refuses a second thread at once.
 */
public final class SessionImpl implements Session {
    private final OrmContext context;
    private final IdentityMap identityMap = new IdentityMap();
    private final PendingChanges pending = new PendingChanges();
    private final Relations relations = new Relations(this);
    private final Cascades cascades = new Cascades(this, relations);
    /** The actions of the last flush that wrote something, one line each ({@link #lastFlushPlan()}). */
    private List<String> lastPlan = List.of();
    private final Loader loader = new Loader(this);
    private final Lifecycle lifecycle = new Lifecycle(this);
    /** States of objects whose class is not enhanced: found by identity, compared by snapshot at flush. */
    final Map<Object, InstanceState> snapshotStates = new IdentityHashMap<>();
    private final SessionTransaction transaction;
    private boolean closed;
    private final SessionOwner owner = new SessionOwner(this);
    /** Refuses writes in a read-only session (SessionOptions.readOnly()). */
    private final WriteGuard writeGuard;

    public SessionImpl(OrmContext context) {
        this(context, false);
    }

    public SessionImpl(OrmContext context, boolean writer) {
        this(context, writer, null);
    }

    /**
     * @param readOnly null for a session that may write; else what the session is, for the message
     *     that refuses a write (e.g. "a read-only session (SessionOptions.readOnly()) on read replica ...")
     */
    public SessionImpl(OrmContext context, boolean writer, String readOnly) {
        this.context = context;
        this.transaction = new SessionTransaction(context.database(), writer);
        this.writeGuard = new WriteGuard(this, readOnly);
    }

    // --- Session API -----------------------------------------------------------------------------

    @Override
    public void add(Object entity) {
        Thread entered = owner.enter();
        try {
            checkOpen();
            EntityMapping<?> m = context.mapping(requireEntity(entity, "add").getClass());
            lifecycle.add(entity, m);
            if (m.hasRelationships()) {
                cascades.add(entity);
            }
        } finally {
            owner.exit(entered);
        }
    }

    @Override
    public <E> E get(Class<E> entityClass, Object id) {
        Thread entered = owner.enter();
        try {
            checkOpen();
            EntityMapping<E> m = context.mapping(requireArgument(entityClass, "get", "entityClass"));
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
            return loader.select(m, id);
        } finally {
            owner.exit(entered);
        }
    }

    @Override
    public void delete(Object entity) {
        owner.run(() -> {
            checkOpen();
            cascades.delete(requireState(entity, "delete"));
        });
    }

    @Override
    public void flush() {
        owner.run(() -> flush(false));
    }

    /**
     * Plans and runs a flush. An explicit flush (and commit) deletes the orphans first; an autoflush
     * deletes only those whose reference cannot be NULL and flushes the others with it cleared,
     * keeping them candidates: an element taken out of one collection is often about to be put into
     * another, which may take a query (an autoflush) to load.
     */
    private void flush(boolean auto) {
        checkOpen();
        transaction.requireUsable();
        writeGuard.beforeFlush();
        if (pending.isEmpty() && !hasSnapshotObjects()) {
            return;
        }
        List<InstanceState> candidates = cascades.deleteOrphans(auto);
        FlushPlan plan = FlushPlan.of(this, pending);
        if (!plan.isEmpty()) {
            lastPlan = plan.describe();
            transaction.run(tx -> {
                plan.run(tx);
                return null;
            });
        }
        pending.clear();
        candidates.forEach(pending::addOrphan);
    }

    /**
     * Flushes, then COMMITs; objects are expired (or detached, for deleted ones) only once the
     * database has said yes. A failed flush or COMMIT leaves the session refusing work until
     * {@link #rollback()}, so a second {@code commit()} cannot report success for work that was lost.
     */
    @Override
    public void commit() {
        owner.run(() -> {
            flush();
            transaction.commit();
            lifecycle.afterCommit(context.expireOnCommit());
        });
    }

    @Override
    public void rollback() {
        owner.run(() -> {
            checkOpen();
            try {
                transaction.rollback();
            } finally {
                lifecycle.afterRollback();
            }
        });
    }

    @Override
    public void close() {
        owner.run(() -> {
            if (closed) {
                return;
            }
            try {
                transaction.rollback();
            } finally {
                lifecycle.detachAll();
                closed = true;
            }
        });
    }

    @Override
    public <E> Query<E> query(Class<E> entityClass) {
        checkOpen();
        return new QueryImpl<>(this, context.mapping(requireArgument(entityClass, "query", "entityClass")));
    }

    @Override
    public long execute(Statement statement) {
        return owner.call(() -> {
            checkOpen();
            requireArgument(statement, "execute", "statement");
            if (statement instanceof Select) {
                throw new OrmException("execute() runs INSERT, UPDATE and DELETE; run a SELECT with session.select(statement, mapper) or session.query(Entity.class)");
            }
            requireWritable("execute " + statement.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT));
            compileBeforeAutoflush(statement);
            autoflush();
            return transaction.run(tx -> tx.execute(statement));
        });
    }

    @Override
    public <E> long bulkUpdate(Class<E> entityClass, List<? extends Map<? extends Column<?>, ?>> rows) {
        return owner.call(() -> {
            checkOpen();
            EntityMapping<E> m = context.mapping(requireArgument(entityClass, "bulkUpdate", "entityClass"));
            requireWritable("bulkUpdate " + m.name());
            return new BulkOperations(this).bulkUpdate(m, requireArgument(rows, "bulkUpdate", "rows"));
        });
    }

    @Override
    public <E> List<E> insertAll(Class<E> entityClass, List<? extends Map<? extends Column<?>, ?>> rows) {
        return owner.call(() -> {
            checkOpen();
            EntityMapping<E> m = context.mapping(requireArgument(entityClass, "insertAll", "entityClass"));
            requireWritable("insertAll " + m.name());
            return new BulkOperations(this).insertAll(m, requireArgument(rows, "insertAll", "rows"));
        });
    }

    @Override
    public <E> List<E> upsert(Class<E> entityClass, List<? extends Map<? extends Column<?>, ?>> rows,
            Column<?>... conflictColumns) {
        return owner.call(() -> {
            checkOpen();
            EntityMapping<E> m = context.mapping(requireArgument(entityClass, "upsert", "entityClass"));
            requireWritable("upsert " + m.name());
            return new BulkOperations(this).upsert(m, requireArgument(rows, "upsert", "rows"),
                    requireArgument(conflictColumns, "upsert", "conflictColumns"));
        });
    }

    @Override
    public void expire(Object entity) {
        owner.run(() -> {
            checkOpen();
            lifecycle.expire(requirePersistent(entity, "expire"));
        });
    }

    @Override
    public void expire(Object entity, Column<?>... attributes) {
        owner.run(() -> {
            checkOpen();
            InstanceState s = requirePersistent(entity, "expire");
            requireArgument(attributes, "expire", "attributes");
            List<PropertyMapping> properties = new ArrayList<>(attributes.length);
            for (Column<?> c : attributes) {
                PropertyMapping p = BulkValues.property(s.mapping, requireArgument(c, "expire", "attribute"));
                if (p == s.mapping.id()) {
                    throw new OrmException("cannot expire " + c + " of " + s.mapping.describeInstance(entity)
                            + ": it is the primary key, which identifies the object in the session");
                }
                properties.add(p);
            }
            lifecycle.expire(s, properties);
        });
    }

    @Override
    public <T> List<T> select(Select statement, RowMapper<T> mapper) {
        return owner.call(() -> {
            checkOpen();
            requireArgument(statement, "select", "statement");
            requireArgument(mapper, "select", "mapper");
            CompiledSql compiled = compileBeforeAutoflush(statement);
            autoflush();
            return transaction.run(tx -> tx.query(statement, compiled, mapper));
        });
    }

    @Override
    public void expireAll() {
        owner.run(() -> {
            checkOpen();
            for (InstanceState s : identityMap.all()) {
                lifecycle.expire(s);
            }
        });
    }

    @Override
    public void refresh(Object entity) {
        owner.run(() -> {
            checkOpen();
            InstanceState s = requirePersistent(entity, "refresh");
            if (!loader.refreshIfPresent(s, entity)) {
                throw new io.athanor.orm.ObjectDeletedException("cannot refresh " + s.mapping.describe(s.key) + ": its row is gone");
            }
        });
    }

    @Override
    public void expunge(Object entity) {
        owner.run(() -> {
            checkOpen();
            lifecycle.forget(requireState(entity, "expunge"));
        });
    }

    /**
     * SQLAlchemy's {@code obj in session}: pending objects and objects in the identity map (including
     * one marked for deletion whose DELETE is not flushed yet); not deleted, detached or transient ones.
     */
    @Override
    public boolean contains(Object entity) {
        if (closed || entity == null) {
            return false;
        }
        InstanceState s = stateOf(entity);
        return s != null && (s.status == ObjectState.PENDING || s.status == ObjectState.PERSISTENT);
    }

    @Override
    public boolean isDirty(Object entity) {
        InstanceState s = stateOf(requireEntity(entity, "isDirty"));
        if (s == null) {
            return false;
        }
        return s.status == ObjectState.PENDING || s.markedForDeletion || s.changedProperties(entity) != 0;
    }

    @Override
    public ObjectState state(Object entity) {
        context.mapping(requireEntity(entity, "state").getClass());
        InstanceState s = stateOf(entity);
        if (s != null) {
            return s.status;
        }
        InstanceState foreign = InstanceState.of(entity);
        if (foreign == null) {
            foreign = snapshotStates.get(entity); // an unenhanced object this session detached
        }
        if (foreign != null && foreign.status != null) {
            return foreign.session == null && foreign.status != ObjectState.PENDING ? ObjectState.DETACHED : foreign.status;
        }
        return ObjectState.TRANSIENT;
    }

    // --- used by the session's parts --------------------------------------------------------------

    /** Refuses {@code operation} (a write) in a read-only session, before any SQL; see {@link WriteGuard}. */
    void requireWritable(String operation) {
        writeGuard.require(operation);
    }

    OrmContext context() {
        return context;
    }

    IdentityMap identityMap() {
        return identityMap;
    }

    PendingChanges pending() {
        return pending;
    }

    Relations relations() {
        return relations;
    }

    Cascades cascades() {
        return cascades;
    }

    @Override
    public List<String> lastFlushPlan() {
        return lastPlan;
    }

    Loader loader() {
        return loader;
    }

    /** The state transitions of this session's objects, for its parts (flush, loader, synchronizer). */
    Lifecycle lifecycle() {
        return lifecycle;
    }

    EntityPersister persister(EntityMapping<?> m) {
        return context.persister(m);
    }

    /**
     * The session's transaction and failure guard: every statement a part of the session runs goes
     * through {@link SessionTransaction#run}, so any failure rolls back and leaves the session refusing.
     */
    SessionTransaction sql() {
        checkOpen();
        return transaction;
    }

    /**
     * Compiles {@code statement} before the autoflush that precedes it, so that what the SQL layer
     * refuses (a column of another table, a value the dialect cannot bind) fails before any SQL runs.
     */
    CompiledSql compileBeforeAutoflush(Statement statement) {
        return context.database().compile(statement);
    }

    void autoflush() {
        if (context.autoflush()) {
            owner.run(() -> flush(true));
        } else {
            transaction.requireUsable();
        }
    }

    /** The state of an object of this session, or null. */
    InstanceState stateOf(Object entity) {
        InstanceState s = InstanceState.of(entity);
        if (s == null && !snapshotStates.isEmpty()) {
            s = snapshotStates.get(entity); // kept after detaching too, to say DETACHED and to re-add it
        }
        return s != null && s.session == this ? s : null;
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

    /** Before an unloaded relationship of a loaded object is written (through its interceptor). */
    void loadForWrite(InstanceState s, Object entity, io.athanor.orm.internal.mapping.Attribute a) {
        owner.run(() -> {
            checkOpen();
            loader.loadForWrite(s, entity, a);
        });
    }

    /** A read of an attribute the session does not hold yet (through the object's interceptor). */
    void loadAttribute(InstanceState s, Object entity, int property) {
        Thread entered = owner.enter();
        try {
            checkOpen();
            loader.loadAttribute(s, entity, property);
        } finally {
            owner.exit(entered);
        }
    }

    void loadVersionIfExpired(InstanceState s) {
        if (s.mapping.version() != null && s.isExpired(s.mapping.version().index()) && s.mapping.enhanced()) {
            loader.loadExpired(s, s.get());
        }
    }

    private InstanceState requireState(Object entity, String operation) {
        InstanceState s = stateOf(requireEntity(entity, operation));
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

    /** The one-thread rule, for the session's queries. */
    SessionOwner owner() {
        return owner;
    }

    private <T> T requireArgument(T argument, String operation, String name) {
        if (argument == null) {
            throw new OrmException(operation + "(...): " + name + " must not be null");
        }
        return argument;
    }

    private Object requireEntity(Object entity, String operation) {
        return requireArgument(entity, operation, "the entity");
    }

    @Override
    public String toString() {
        return "Session@" + Integer.toHexString(System.identityHashCode(this));
    }
}
