package io.athanor.orm.internal.session;

import io.athanor.orm.OrmException;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.orm.internal.persistence.EntityPersister;
import io.athanor.sql.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code session.bulkUpdate}: its key, the version it expects (for a {@code @Version}
 * entity: from the map, else from the loaded object) and the properties to set, validated before
 * any SQL. Rows setting the same properties share one statement (and one JDBC batch).
 */
record KeyedRow(int position, Object key, Object version, Map<PropertyMapping, Object> values) {

    static KeyedRow of(EntityMapping<?> m, int position, Map<? extends Column<?>, ?> given) {
        Object key = null;
        Object version = null;
        boolean hasKey = false;
        Map<PropertyMapping, Object> values = new LinkedHashMap<>();
        for (Map.Entry<? extends Column<?>, ?> e : given.entrySet()) {
            PropertyMapping p = BulkValues.property(m, e.getKey());
            Object v = BulkValues.checkedValue("bulkUpdate", m, position, p, e.getValue());
            if (p == m.id()) {
                key = v;
                hasKey = v != null;
            } else if (p == m.version()) {
                if (v == null) {
                    throw new OrmException("bulkUpdate of " + m.name() + ", row " + position + ": the version " + p.column()
                            + " is null; give the version the row is expected to have (Athanor checks and bumps it)");
                }
                version = v;
            } else {
                if (v == null && !p.column().isNullable()) {
                    throw new OrmException("bulkUpdate of " + m.name() + ", row " + position + ": " + p.column() + " is NOT NULL");
                }
                values.put(p, v);
            }
        }
        if (!hasKey) {
            throw new OrmException("bulkUpdate of " + m.name() + ", row " + position + " " + given
                    + " has no value for the key " + m.id().column());
        }
        if (values.isEmpty()) {
            throw new OrmException("bulkUpdate of " + m.name() + ", row " + position + " sets no column besides the key");
        }
        return new KeyedRow(position, key, version, values);
    }

    /** This row with the version it expects. */
    KeyedRow withVersion(Object expected) {
        return new KeyedRow(position, key, expected, values);
    }

    /**
     * The rows grouped by the set of properties they set, each group keyed by its statement's
     * {@link EntityPersister#update(long) update mask}: one statement, one JDBC batch per group.
     */
    static Map<Long, List<KeyedRow>> byShape(EntityPersister persister, List<KeyedRow> rows) {
        Map<Long, List<KeyedRow>> out = new LinkedHashMap<>();
        for (KeyedRow r : rows) {
            out.computeIfAbsent(persister.updateMask(r.values.keySet()), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** This row laid out for the persister's statements. */
    Object[] slots(EntityPersister persister) {
        return persister.keyedRow(key, values, version);
    }

    /** EVALUATE-style: the new values become committed state; an unflushed change to the same property is expired. */
    void synchronize(InstanceState s) {
        Object entity = s.get();
        if (entity == null) {
            return;
        }
        values.forEach((p, v) -> s.setFromDatabase(entity, p, v));
        PropertyMapping versionProperty = s.mapping.version();
        if (versionProperty != null) {
            s.setCommitted(entity, versionProperty, s.mapping.nextVersion(version));
        }
    }
}
