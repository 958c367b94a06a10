package io.athanor.sql.dialect;

import io.athanor.sql.Column;
import io.athanor.sql.schema.CatalogColumn;
import io.athanor.sql.schema.CatalogTable;
import io.athanor.sql.schema.CatalogTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * How SQLite's catalog is judged against a mapping, for schema validation: affinities rather than
 * types, and the CHECK constraints Athanor declares, which only the table's stored DDL shows.
 * Stateless.
 */
final class SqliteCatalog {
    private SqliteCatalog() {
    }

    /**
     * SQLite has no types, only affinities: a column can hold a Java type when its declared type has
     * the affinity of the type Athanor declares (INTEGER, REAL, TEXT, BLOB, by SQLite's rules on the
     * type name), and, where Athanor's declaration carries a CHECK (the integer range of Integer and
     * Long columns, the digits of a decimal of declared scale), when the table's DDL has that CHECK.
     * A generated key must be declared exactly INTEGER (the rowid).
     */
    static Optional<String> typeMismatch(SqliteDialect dialect, Column<?> column, CatalogColumn found, CatalogTable table) {
        String ddl = dialect.columnType(column);
        if (column.isGenerated() ? !found.typeName().equalsIgnoreCase("INTEGER")
                : !affinity(ddl.split("[\\s(]", 2)[0]).equals(affinity(found.typeName()))) {
            return CatalogTypes.mismatch(column, ddl, found);
        }
        if (ddl.contains(" CHECK ") && (table.definition() == null
                || !squeeze(table.definition()).contains(squeeze(dialect.quote(column.name()) + " " + ddl)))) {
            return Optional.of("the column " + found.describe() + " is not declared as Athanor declares it for Java "
                    + column.type().getSimpleName() + ": " + ddl + " (the CHECK refuses values the Java type cannot "
                    + "hold); rebuild the table with that declaration (SQLite cannot change a column's CHECK)");
        }
        return Optional.empty();
    }

    /** SQLite's column affinity of a declared type (section 3.1 of its documentation on data types). */
    private static String affinity(String declared) {
        String t = declared.toUpperCase(Locale.ROOT);
        if (t.contains("INT")) {
            return "INTEGER";
        }
        if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
            return "TEXT";
        }
        if (t.isBlank() || t.contains("BLOB")) {
            return "BLOB";
        }
        return t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") ? "REAL" : "NUMERIC";
    }

    private static String squeeze(String sql) {
        return sql.replaceAll("\\s+", " ");
    }

    /** The CREATE TABLE text SQLite keeps (with every ADD COLUMN appended): its CHECKs are nowhere else. */
    static Optional<String> tableDefinition(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
