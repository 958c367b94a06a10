package io.athanor.orm.internal.mapping;

import io.athanor.sql.Column;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Objects;

/** An attribute whose field holds its column's value (converted by the column's type). */
public final class PropertyMapping extends Attribute implements StoredAttribute {
    private final Column<?> column;

    PropertyMapping(String entityName, String name, int index, Column<?> column, boolean primitive,
            MethodHandle getter, MethodHandle setter) {
        super(entityName, name, index, primitive, getter, setter);
        this.column = column;
    }

    @Override
    public Column<?> column() {
        return column;
    }

    /** The column's position in the table, and the slot of row arrays that holds its value. */
    @Override
    public int slot() {
        return column.index();
    }

    public Class<?> type() {
        return column.type();
    }

    /** SQL-value equality: arrays by content. */
    public static boolean sameValue(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }
}
