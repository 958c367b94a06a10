package io.athanor.orm.internal.persistence;

import io.athanor.orm.internal.mapping.Attribute;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.orm.internal.mapping.ToOneMapping;
import io.athanor.sql.Column;
import io.athanor.sql.CompiledSql;
import io.athanor.sql.Database;
import io.athanor.sql.Delete;
import io.athanor.sql.Expression;
import io.athanor.sql.Insert;
import io.athanor.sql.Select;
import io.athanor.sql.Sql;
import io.athanor.sql.Update;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements that write and read one entity's rows, compiled once per shape and shared by all
 * sessions of a factory, and the one row layout they bind from: slot {@code i} of a row array holds
 * the value of column {@code i} (a property's value, or for a reference the key of the object it
 * holds), and the extra last slot holds the version the row is expected to have. UPDATE shapes are
 * keyed by a mask of attribute bits. {@link RowWriter} runs them.
 */
public final class EntityPersister {
    private final EntityMapping<?> mapping;
    private final Database database;
    private final int expectedVersionSlot;
    private final ConcurrentHashMap<Long, CompiledSql> updates = new ConcurrentHashMap<>();
    private final Insert insertWithId;
    private final Insert insertWithoutId;
    private final CompiledSql insertWithIdSql;
    private final CompiledSql delete;
    private final CompiledSql selectById;

    public EntityPersister(EntityMapping<?> mapping, Database database) {
        this.mapping = mapping;
        this.database = database;
        this.expectedVersionSlot = mapping.columnCount();
        Insert withId = Sql.insertInto(mapping.table());
        Insert withoutId = Sql.insertInto(mapping.table());
        for (int slot = 0; slot < mapping.columnCount(); slot++) {
            Column<?> c = mapping.table().columns().get(slot);
            withId = setParam(withId, c, slot);
            if (slot != mapping.id().slot()) {
                withoutId = setParam(withoutId, c, slot);
            }
        }
        this.insertWithId = withId;
        this.insertWithoutId = withoutId;
        this.insertWithIdSql = database.compile(withId);
        this.delete = database.compile(Sql.deleteFrom(mapping.table()).where(identifies()));
        this.selectById = database.compile(Sql.select().from(mapping.table()).where(idEquals()));
    }

    public EntityMapping<?> mapping() {
        return mapping;
    }

    /** INSERT of every column, the id included. */
    public CompiledSql insertWithId() {
        return insertWithIdSql;
    }

    /** INSERT of every column but a database-generated id. */
    public Insert insertWithoutId() {
        return insertWithoutId;
    }

    /** The insert statement itself, with the id; for inspection. */
    public Insert insertStatement() {
        return insertWithId;
    }

    /**
     * {@code UPDATE ... SET <columns of mask> WHERE id = ? [AND version = ?]}; with a version, the mask
     * must include the version property (its slot holds the new version).
     */
    public CompiledSql update(long mask) {
        return updates.computeIfAbsent(mask, this::compileUpdate);
    }

    /** {@code DELETE ... WHERE id = ? [AND version = ?]}. */
    public CompiledSql delete() {
        return delete;
    }

    /** {@code SELECT <all columns> WHERE id = ?} (the id in its own slot). */
    public CompiledSql selectById() {
        return selectById;
    }

    /** {@code SELECT <all columns>} of the table, for queries to add criteria to. */
    public Select selectAll() {
        return Sql.select().from(mapping.table());
    }

    /**
     * A row array with every column value of {@code entity} and room for the expected version. A
     * reference's column holds the key of the object the field holds now, so a parent inserted
     * earlier in the flush gives its generated key; {@code nulledReferences} (attribute bits) are
     * written NULL instead, to be set by a later UPDATE (a cycle's post-update). A reference the
     * session has not resolved yet holds no object: its column is not in any statement that uses it.
     */
    public Object[] row(Object entity, long nulledReferences) {
        Object[] row = new Object[expectedVersionSlot + 1];
        for (PropertyMapping p : mapping.properties()) {
            row[p.slot()] = p.get(entity);
        }
        for (ToOneMapping t : mapping.toOnes()) {
            row[t.slot()] = (nulledReferences & t.bit()) != 0 ? null : t.keyOf(t.get(entity));
        }
        return row;
    }

    /** {@link #row(Object, long)} with every reference written. */
    public Object[] row(Object entity) {
        return row(entity, 0);
    }

    /** A row array holding only the key, for the statements that identify a row by it. */
    public Object[] keyRow(Object key) {
        Object[] row = new Object[expectedVersionSlot + 1];
        row[mapping.id().slot()] = key;
        return row;
    }

    /**
     * A row array for {@link #update(long)} of one row by key, without an object: the key, the given
     * values and, for a versioned entity, the version the row is expected to have and the next one.
     * {@code session.bulkUpdate} writes through this, so it runs the same statements as a flush.
     */
    public Object[] keyedRow(Object key, Map<PropertyMapping, Object> values, Object expectedVersion) {
        Object[] row = keyRow(key);
        values.forEach((p, v) -> row[p.slot()] = v);
        PropertyMapping version = mapping.version();
        if (version != null) {
            row[expectedVersionSlot] = expectedVersion;
            row[version.slot()] = mapping.nextVersion(expectedVersion);
        }
        return row;
    }

    /** The {@link #update(long)} mask that sets {@code properties} (and, for a versioned entity, the version). */
    public long updateMask(Iterable<PropertyMapping> properties) {
        long mask = mapping.version() == null ? 0 : mapping.version().bit();
        for (PropertyMapping p : properties) {
            mask |= p.bit();
        }
        return mask;
    }

    /** The slot of a row array that holds the version the row is expected to have. */
    public int expectedVersionSlot() {
        return expectedVersionSlot;
    }

    private CompiledSql compileUpdate(long mask) {
        Update update = Sql.update(mapping.table());
        for (long m = mask & mapping.columnAttributes(); m != 0; m &= m - 1) {
            Attribute a = mapping.attribute(Long.numberOfTrailingZeros(m));
            if (a != mapping.id()) {
                Column<?> c = a instanceof PropertyMapping p ? p.column() : ((ToOneMapping) a).column();
                update = setParam(update, c, c.index());
            }
        }
        return database.compile(update.where(identifies()));
    }

    private Expression<Boolean> identifies() {
        Expression<Boolean> where = idEquals();
        PropertyMapping version = mapping.version();
        return version == null ? where : where.and(eqParam(version.column(), expectedVersionSlot));
    }

    private Expression<Boolean> idEquals() {
        return eqParam(mapping.id().column(), mapping.id().slot());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Expression<Boolean> eqParam(Column column, int slot) {
        return column.eq(Sql.param(slot, column.type()));
    }

    private static <T> Insert setParam(Insert insert, Column<T> c, int slot) {
        return insert.set(c, Sql.param(slot, c.type()));
    }

    private static <T> Update setParam(Update update, Column<T> c, int slot) {
        return update.set(c, Sql.param(slot, c.type()));
    }
}
