package io.athanor.sql.internal;

import io.athanor.sql.Column;
import io.athanor.sql.Table;
import io.athanor.sql.spi.Dialect;
import java.util.List;

/** CREATE TABLE statements; types come from the dialect, names are quoted by it. */
public final class Ddl {
    private Ddl() {
    }

    /** {@code CREATE TABLE IF NOT EXISTS ...} with column types, NOT NULL, UNIQUE and the primary key. */
    public static String createTable(Dialect dialect, Table table) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(dialect.quote(table.name())).append(" (");
        List<Column<?>> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            Column<?> c = columns.get(i);
            sb.append(i == 0 ? "" : ", ").append(dialect.quote(c.name())).append(' ').append(dialect.columnType(c));
            if (!c.isNullable()) {
                sb.append(" NOT NULL");
            }
            if (c.isUnique()) {
                sb.append(" UNIQUE");
            }
        }
        List<Column<?>> pk = table.primaryKey();
        for (int i = 0; i < pk.size(); i++) {
            sb.append(i == 0 ? ", PRIMARY KEY (" : ", ").append(dialect.quote(pk.get(i).name()));
        }
        return sb.append(pk.isEmpty() ? ")" : "))").toString();
    }
}
