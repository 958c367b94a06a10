package io.athanor.sql;

/**
 * A SQL statement built with {@link Sql}: {@link Select}, {@link Insert}, {@link Update} or
 * {@link Delete}. Statements are immutable; every builder method returns a new statement.
 */
public sealed interface Statement permits Select, Insert, Update, Delete {
    /** What kind of statement this is. */
    StatementKind kind();

    /** The table the statement reads or writes. */
    Table table();
}
