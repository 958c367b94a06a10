package io.athanor.sql.schema;

/**
 * A column as the database's catalog describes it ({@code DatabaseMetaData.getColumns}).
 *
 * @param name the column name, as the database spells it
 * @param typeName the database's name of its type, e.g. {@code int4}, {@code DECIMAL}, {@code INTEGER}
 * @param size the length or precision the catalog reports ({@code COLUMN_SIZE}), 0 when it reports none
 * @param digits the decimal places or fractional-second digits ({@code DECIMAL_DIGITS}), -1 when it reports none
 * @param nullable true unless the column is declared NOT NULL
 * @param autoIncrement true when the database assigns the value of an insert that leaves it out
 */
public record CatalogColumn(String name, String typeName, int size, int digits, boolean nullable, boolean autoIncrement) {
    /** {@code type(size,digits) NOT NULL}, for messages. */
    public String describe() {
        // Catalogs report unbounded types (TEXT, LONGBLOB) with a huge size: not worth showing.
        return typeName + (size > 0 && size < 1_000_000 ? "(" + size + (digits > 0 ? "," + digits : "") + ")" : "")
                + (nullable ? "" : " NOT NULL");
    }
}
