package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectDeletedException;
import io.athanor.orm.ObjectState;
import io.athanor.orm.internal.mapping.Attribute;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.orm.internal.mapping.ToManyMapping;
import io.athanor.orm.internal.mapping.ToOneMapping;
import io.athanor.orm.internal.persistence.EntityPersister;
import io.athanor.sql.Row;
import io.athanor.sql.RowMapper;
import java.util.List;

/**
 * Turns rows into the session's objects through the identity map: a row already loaded yields the
 * same instance, with only its expired properties filled and unflushed changes left alone.
 */
final class Loader {
    private final SessionImpl session;

    Loader(SessionImpl session) {
        this.session = session;
    }

    /** A mapper for rows holding every column of {@code mapping}'s table, in order. */
    <E> RowMapper<E> rowMapper(EntityMapping<E> mapping) {
        int idSlot = mapping.id().slot();
        return row -> mapping.type().cast(load(mapping, row, idSlot));
    }

    private Object load(EntityMapping<?> mapping, Row row, int idSlot) {
        Object key = row.get(idSlot);
        IdentityMap map = session.identityMap();
        InstanceState s = map.get(mapping, key);
        Object entity = s == null ? null : s.get();
        if (entity != null) {
            if (s.expired != 0) {
                fill(s, entity, row, s.expired & ~s.modified);
            }
            return entity;
        }
        entity = mapping.newInstance();
        for (PropertyMapping p : mapping.properties()) {
            // The key was read already: reuse that object (one boxed key per row, not two).
            p.set(entity, p.slot() == idSlot ? key : row.get(p.slot()));
        }
        InstanceState attached = session.lifecycle().attachLoaded(mapping, entity, key);
        if (mapping.hasRelationships()) {
            unloadedRelationships(attached, row);
        }
        return entity;
    }

    /**
     * A new object's relationships are not loaded: a reference keeps its foreign key and is resolved
     * when read (from the identity map when the target is there); a collection loads when read.
     */
    private static void unloadedRelationships(InstanceState s, Row row) {
        for (ToOneMapping t : s.mapping.toOnes()) {
            s.refKeys[t.ordinal()] = row.get(t.slot());
            s.unresolved |= t.bit();
        }
        for (ToManyMapping c : s.mapping.toManys()) {
            s.expired |= c.bit();
        }
    }

    /**
     * Sets the column attributes in {@code mask} from the row and marks them loaded; a reference
     * takes the row's foreign key and is resolved when read.
     */
    private static void fill(InstanceState s, Object entity, Row row, long mask) {
        mask &= s.mapping.columnAttributes();
        for (long m = mask; m != 0; m &= m - 1) {
            Attribute a = s.mapping.attribute(Long.numberOfTrailingZeros(m));
            if (a instanceof PropertyMapping p) {
                p.set(entity, row.get(p.slot()));
            } else {
                ToOneMapping t = (ToOneMapping) a;
                s.refKeys[t.ordinal()] = row.get(t.slot());
                s.unresolved |= t.bit();
            }
        }
        s.expired &= ~mask;
        if (!s.mapping.enhanced()) {
            s.snapshot(entity);
        }
    }

    /** Loads the expired properties of a persistent object with one SELECT by key; fails if the row is gone. */
    void loadExpired(InstanceState s, Object entity) {
        if (!loadExpiredIfPresent(s, entity)) {
            throw new ObjectDeletedException(s.mapping.describe(s.key) + " is expired and its row is gone: "
                    + "it was deleted, or its key changed, by another statement or transaction");
        }
    }

    /** Loads the expired properties of a persistent object; false if its row is gone. */
    boolean loadExpiredIfPresent(InstanceState s, Object entity) {
        long mask = s.expired & ~s.modified & s.mapping.columnAttributes();
        List<Boolean> found = session.sql().run(tx -> tx.query(session.persister(s.mapping).selectById(), keyRow(s), row -> {
            fill(s, entity, row, mask);
            return Boolean.TRUE;
        }));
        if (!found.isEmpty()) {
            s.expired &= ~mask;
        }
        return !found.isEmpty();
    }

    /** Reloads every property of a persistent object, dropping unflushed changes; false if the row is gone. */
    boolean refreshIfPresent(InstanceState s, Object entity) {
        List<Boolean> found = session.sql().run(tx -> tx.query(session.persister(s.mapping).selectById(), keyRow(s), row -> {
            fill(s, entity, row, s.mapping.allAttributes());
            return Boolean.TRUE;
        }));
        if (!found.isEmpty()) {
            s.markClean(entity);
            s.expired &= ~s.mapping.columnAttributes();
            if (s.status == ObjectState.PERSISTENT) {
                session.lifecycle().flushed(s);
            }
        }
        return !found.isEmpty();
    }

    private Object[] keyRow(InstanceState s) {
        return session.persister(s.mapping).keyRow(s.key);
    }

    /** The object of that key, by one SELECT (no identity map lookup); null when there is no row. */
    <E> E select(EntityMapping<E> m, Object id) {
        EntityPersister p = session.persister(m);
        List<E> found = session.sql().run(tx -> tx.query(p.selectById(), p.keyRow(id), rowMapper(m)));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The object of that key: from the identity map, else one SELECT after autoflush; null when there is no row. */
    Object get(EntityMapping<?> m, Object id) {
        InstanceState s = session.identityMap().get(m, id);
        Object entity = s == null ? null : s.get();
        if (entity != null && s.status == ObjectState.PERSISTENT) {
            return entity;
        }
        session.autoflush();
        return select(m, id);
    }

    /**
     * Loads what an enhanced object's interceptor found missing before a read: a collection (one
     * SELECT on the foreign key), the expired columns (one SELECT of the row), then an unresolved
     * reference (the identity map, else one SELECT).
     */
    void loadAttribute(InstanceState s, Object entity, int property) {
        Attribute a = s.mapping.attribute(property);
        if (a instanceof ToManyMapping c) {
            if (s.status != ObjectState.PERSISTENT) {
                s.expired &= ~c.bit(); // nothing in the database refers to an object without a row
                return;
            }
            session.relations().loadCollection(s, entity, c);
            return;
        }
        if ((s.expired & a.bit()) != 0) {
            loadExpired(s, entity);
        }
        if (a instanceof ToOneMapping t && (s.unresolved & t.bit()) != 0) {
            session.relations().resolve(s, entity, t);
        }
    }

    /**
     * Before an unloaded relationship of a loaded object is written, what it holds is loaded, since
     * it decides what the other side loses: a reference's row (for its key), or a collection
     * (without autoflush: the object is being written).
     */
    void loadForWrite(InstanceState s, Object entity, Attribute a) {
        if (a instanceof ToManyMapping c) {
            session.relations().loadCollectionAsStored(s, entity, c);
        } else {
            loadExpired(s, entity);
        }
    }
}
