package io.athanor.sql.schema;

import io.athanor.sql.ForeignKey;
import io.athanor.sql.spi.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads tables from the catalog of the database a connection is on, through JDBC
 * {@link DatabaseMetaData} (tables, columns, primary keys, unique indexes) in the connection's
 * current catalog and schema, plus what the dialect reads with its own catalog queries
 * ({@link Dialect#tableDefinition}). It reads, never writes.
 */
public final class SchemaReader {
    private final Connection connection;
    private final Dialect dialect;
    private final DatabaseMetaData meta;
    private final String catalog;
    private final String schema;

    /** A reader on that connection (left open) for that dialect. */
    public SchemaReader(Connection connection, Dialect dialect) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.meta = connection.getMetaData();
        this.catalog = emptyToNull(connection.getCatalog());
        this.schema = emptyToNull(connection.getSchema());
    }

    /** The table of that name (exactly, or else ignoring case), or empty when the database has none. */
    public Optional<CatalogTable> read(String tableName) throws SQLException {
        String name = findTable(tableName);
        if (name == null) {
            return Optional.empty();
        }
        List<String> primaryKey = primaryKey(name);
        return Optional.of(new CatalogTable(name, columns(name), primaryKey, uniqueKeys(name, primaryKey),
                foreignKeys(name), dialect.tableDefinition(connection, name).orElse(null)));
    }

    private String findTable(String tableName) throws SQLException {
        String found = null;
        try (ResultSet rs = meta.getTables(catalog, schema, pattern(tableName), new String[] {"TABLE"})) {
            while (rs.next()) {
                String n = rs.getString("TABLE_NAME");
                if (n.equals(tableName)) {
                    return n;
                }
                if (n.equalsIgnoreCase(tableName)) {
                    found = n;
                }
            }
        }
        return found;
    }

    private List<CatalogColumn> columns(String table) throws SQLException {
        List<CatalogColumn> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, pattern(table), "%")) {
            while (rs.next()) {
                if (!table.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                int digits = rs.getInt("DECIMAL_DIGITS");
                if (rs.wasNull()) {
                    digits = -1;
                }
                columns.add(new CatalogColumn(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
                        rs.getInt("COLUMN_SIZE"), digits, rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))));
            }
        }
        return columns;
    }

    private List<String> primaryKey(String table) throws SQLException {
        Map<Integer, String> bySequence = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                bySequence.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(bySequence.values());
    }

    private List<List<String>> uniqueKeys(String table, List<String> primaryKey) throws SQLException {
        Map<String, Map<Integer, String>> byIndex = new LinkedHashMap<>();
        try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, true, true)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                if (rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic || column == null
                        || rs.getBoolean("NON_UNIQUE")) {
                    continue;
                }
                byIndex.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new TreeMap<>())
                        .put(rs.getInt("ORDINAL_POSITION"), column);
            }
        }
        List<List<String>> keys = new ArrayList<>();
        for (Map<Integer, String> index : byIndex.values()) {
            List<String> columns = List.copyOf(index.values());
            if (!sameColumns(columns, primaryKey)) {
                keys.add(columns);
            }
        }
        return keys;
    }

    /** Single-column foreign keys; a key over several columns is not one the SQL layer declares, so it is left out. */
    private List<CatalogForeignKey> foreignKeys(String table) throws SQLException {
        Map<String, List<CatalogForeignKey>> byKey = new LinkedHashMap<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String key = rs.getString("FK_NAME") + "/" + rs.getString("PKTABLE_NAME");
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new CatalogForeignKey(rs.getString("FKCOLUMN_NAME"),
                        rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME"), onDelete(rs.getShort("DELETE_RULE"))));
            }
        }
        return byKey.values().stream().filter(k -> k.size() == 1).map(k -> k.get(0)).toList();
    }

    private static ForeignKey.OnDelete onDelete(short rule) {
        return switch (rule) {
            case DatabaseMetaData.importedKeyCascade -> ForeignKey.OnDelete.CASCADE;
            case DatabaseMetaData.importedKeySetNull -> ForeignKey.OnDelete.SET_NULL;
            default -> ForeignKey.OnDelete.NO_ACTION; // NO ACTION, RESTRICT: the delete is refused either way
        };
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        return a.size() == b.size() && a.stream().allMatch(x -> b.stream().anyMatch(x::equalsIgnoreCase));
    }

    /** A name as a metadata search pattern: its {@code _} and {@code %} matched literally. */
    private String pattern(String name) throws SQLException {
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
