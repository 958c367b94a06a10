package io.athanor.sql.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table as the database's catalog describes it, read by {@link SchemaReader}.
 *
 * @param name the table name
 * @param columns its columns in the database's order
 * @param primaryKey the primary key's column names in key order, empty when it has none
 * @param uniqueKeys the column names of each unique index or constraint (the primary key's excluded)
 * @param foreignKeys its single-column foreign keys
 * @param definition the table's own DDL text where the dialect reads it ({@code Dialect.tableDefinition}:
 *     SQLite, whose catalog does not report CHECK constraints), else null
 */
public record CatalogTable(String name, List<CatalogColumn> columns, List<String> primaryKey,
        List<List<String>> uniqueKeys, List<CatalogForeignKey> foreignKeys, String definition) {
    public CatalogTable {
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
    }

    /** The column of that name, compared ignoring case (catalogs may fold unquoted names). */
    public Optional<CatalogColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst()
                .or(() -> columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst());
    }

    /** True when a unique index or constraint covers exactly that one column. */
    public boolean isUnique(String columnName) {
        return uniqueKeys.stream().anyMatch(k -> k.size() == 1 && k.get(0).equalsIgnoreCase(columnName));
    }
}
