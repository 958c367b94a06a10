package io.athanor.sql.spi;

import io.athanor.sql.Column;
import io.athanor.sql.StatementKind;
import io.athanor.sql.ast.Arithmetic;
import io.athanor.sql.ast.Concat;
import io.athanor.sql.schema.CatalogColumn;
import io.athanor.sql.schema.CatalogTable;
import io.athanor.sql.schema.CatalogTypes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything that differs between databases, in one place. A dialect is mostly data (value types,
 * which statements take RETURNING, how keys come back) plus a few rendering hooks with standard
 * defaults. Dialects are plugins: list the class in
 * {@code META-INF/services/io.athanor.sql.spi.Dialect} and {@code Database.open(url)} picks it by
 * {@link #acceptsUrl}. Extend {@link BaseDialect} rather than implementing this from scratch.
 */
public interface Dialect {
    /** A short name for messages, e.g. {@code sqlite}. */
    String name();

    /** True if this dialect is for that JDBC URL. */
    boolean acceptsUrl(String jdbcUrl);

    /** True if this dialect is for a database reporting that product name in its JDBC metadata. */
    boolean acceptsProduct(String databaseProductName);

    /** How values of {@code javaType} are stored, or null if this dialect cannot store them. */
    <T> ValueType<T> valueType(Class<T> javaType);

    /**
     * How the values of {@code column} are stored, or null if this dialect cannot store them. The
     * default is {@link #valueType(Class) valueType(column.type())}; a dialect may store a column by
     * its declaration instead ({@link BaseDialect} does so for a decimal that declares its scale).
     * Statements bind values compared with or assigned to a column, and read a column, with this.
     */
    default <T> ValueType<T> valueType(Column<T> column) {
        return valueType(column.type());
    }

    /** Quotes an identifier, doubling any quote character inside it. */
    default String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Whether {@code INSERT/UPDATE/DELETE ... RETURNING} works for that kind of statement. */
    boolean supportsReturning(StatementKind kind);

    /**
     * Whether an UPDATE or DELETE with RETURNING may stand in a WITH clause whose SELECT filters what
     * it returned ({@code WITH c AS (UPDATE ... RETURNING k) SELECT k FROM c WHERE k IN (...)}):
     * PostgreSQL. Default: false.
     */
    default boolean supportsReturningInWith() {
        return false;
    }

    /** How generated keys of a batch of inserts are read back. */
    default KeyRetrieval keyRetrieval() {
        return supportsReturning(StatementKind.INSERT) ? KeyRetrieval.RETURNING : KeyRetrieval.GENERATED_KEYS_BATCH;
    }

    /**
     * With {@link KeyRetrieval#SEQUENTIAL}: the greatest key that the generated primary key {@code key}
     * of {@code table} has given out (0 if none), read through {@code queries} in the writing
     * transaction, so that the next row inserted without a key gets one more. Dialects whose
     * {@link #keyRetrieval()} is not SEQUENTIAL need not implement it.
     */
    default long greatestGeneratedKey(KeyQueries queries, io.athanor.sql.Table table, Column<?> key) throws SQLException {
        throw new UnsupportedOperationException("the " + name() + " dialect does not derive generated keys from the table");
    }

    /**
     * With {@link KeyRetrieval#SEQUENTIAL}, after a batch of inserts in the transaction of {@code queries}: whether the
     * last row it inserted got the key {@code expected} and no row of {@code table} has a greater key,
     * which proves that the batch's rows got consecutive keys ending there.
     */
    default boolean lastInsertedKeyIs(KeyQueries queries, io.athanor.sql.Table table, Column<?> key, long expected)
            throws SQLException {
        throw new UnsupportedOperationException("the " + name() + " dialect does not derive generated keys from the table");
    }

    /**
     * With {@link KeyRetrieval#RESERVED}: draws {@code n} keys, in one round trip, from the sequence
     * behind the generated primary key {@code key} of {@code table}, so that rows inserted with them
     * never collide with keys the database generates; null when the column has no sequence (the keys
     * then come back as {@link KeyRetrieval#GENERATED_KEYS_BATCH}).
     */
    default long[] reserveKeys(KeyQueries queries, io.athanor.sql.Table table, Column<?> key, int n) throws SQLException {
        throw new UnsupportedOperationException("the " + name() + " dialect does not reserve generated keys");
    }

    /**
     * Renders what an INSERT needs, between its column list and VALUES, to give a generated key
     * explicitly (PostgreSQL: {@code OVERRIDING SYSTEM VALUE}, which an identity GENERATED ALWAYS
     * requires). Default: nothing.
     */
    default void renderOverridingGeneratedKey(SqlRenderer out) {
    }

    /** The most bound parameters one statement may have (multi-row INSERTs are sized to it). Default: 32,767. */
    default int maxParameters() {
        return 32_767;
    }

    /**
     * The DDL type of a column, including what makes a {@link Column#isGenerated() generated} key
     * generated (e.g. {@code BIGINT GENERATED BY DEFAULT AS IDENTITY}).
     */
    default String columnType(Column<?> column) {
        ValueType<?> t = valueType(column);
        if (t == null) {
            throw new UnsupportedTypeException(this, column.type(), "column " + column);
        }
        return t.ddlType();
    }

    /**
     * Why the column {@code found} in the database (of table {@code table}) cannot hold the values of
     * {@code column} as this dialect stores them, or empty when it can; schema validation asks this.
     * The default compares with {@link #columnType}: the same type name, at least its length,
     * the same decimal scale ({@link CatalogTypes#compare}); dialects whose catalog names types
     * otherwise (PostgreSQL's {@code int4}) give their names.
     */
    default Optional<String> typeMismatch(Column<?> column, CatalogColumn found, CatalogTable table) {
        return CatalogTypes.compare(column, columnType(column), found, Map.of());
    }

    /**
     * The table's DDL text as the database keeps it, for what JDBC metadata does not report (SQLite's
     * CHECK constraints); {@link CatalogTable#definition()} holds it. Default: empty.
     */
    default Optional<String> tableDefinition(Connection connection, String table) throws SQLException {
        return Optional.empty();
    }

    /** Driver properties for connections to that URL (e.g. SQLite's journal mode). */
    default Properties connectionProperties(String jdbcUrl) {
        return new Properties();
    }

    /**
     * Prepares a connection of a {@code DataSource} given to the {@link io.athanor.sql.Database}
     * (rather than its own pool, which {@link #connectionProperties} configures) before each
     * transaction, while it is in auto-commit mode: e.g. SQLite turns foreign key enforcement on,
     * which a transaction already begun would ignore. Default: nothing.
     */
    default void prepareGivenConnection(Connection connection) throws SQLException {
    }

    /**
     * True if CREATE TABLE may name in a FOREIGN KEY a table that does not exist yet (SQLite checks
     * references only when rows are written). Otherwise {@code Database.createTables} creates the
     * tables of a reference cycle without the key that closes it, then adds that key with
     * {@code ALTER TABLE ... ADD FOREIGN KEY}. Default: false.
     */
    default boolean createTableAcceptsForwardReferences() {
        return false;
    }

    /**
     * True if the database indexes a foreign key's column itself when the key is created (InnoDB
     * does). Otherwise {@code Database.createTables} creates an index on each foreign-key column
     * that is not already the primary key or unique, so that loading a parent's children, and
     * deleting a parent, do not scan the child table. Default: false.
     */
    default boolean indexesForeignKeys() {
        return false;
    }

    /**
     * True if the database admits one writing transaction at a time (SQLite). A {@link
     * io.athanor.sql.Database} then hands its writers the turn in-process, first come first served,
     * rather than letting them collide in the database. Default: false.
     */
    default boolean singleWriter() {
        return false;
    }

    /**
     * Called only when {@link #singleWriter()}: with {@code immediate} true, on a connection still in
     * auto-commit mode, makes the transaction about to begin take the database's write lock at BEGIN
     * (SQLite's {@code BEGIN IMMEDIATE}); with false, before that transaction ends, restores the
     * default mode (the lock taken at the first write). Default: nothing.
     */
    default void beginImmediately(Connection connection, boolean immediate) throws SQLException {
    }

    /**
     * How the database compares stored values of {@code javaType} relative to Java; the ORM's
     * evaluator refuses what the dialect does not vouch for. The default vouches for nothing.
     */
    default Comparability comparability(Class<?> javaType) {
        return Comparability.NONE;
    }

    /**
     * How the database compares the stored values of {@code column} relative to Java, for criteria
     * that read it. The default is {@link #comparability(Class) comparability(column.type())}; it
     * differs where the column is stored by its declaration ({@link #valueType(Column)}).
     */
    default Comparability comparability(Column<?> column) {
        return comparability(column.type());
    }

    /**
     * Whether SQL arithmetic ({@code + - * / %}) on {@code javaType} gives exactly Java's result for
     * the same operands (integer division truncating toward zero, overflow aside). Default: no.
     */
    default boolean arithmeticMatchesJava(Class<?> javaType) {
        return false;
    }

    /**
     * How {@code LIKE} compares characters here, so the ORM's evaluator can compute it; the default
     * vouches for nothing. (Without an ESCAPE clause, some databases treat a backslash in a pattern as
     * an escape: the evaluator does not compute such patterns.)
     */
    default LikeMatching likeMatching() {
        return LikeMatching.NONE;
    }

    /** True if dividing by zero yields NULL (SQLite, MySQL) rather than an error (PostgreSQL). */
    default boolean divisionByZeroIsNull() {
        return false;
    }

    /**
     * Whether an UPDATE or DELETE may have a subquery (EXISTS, IN, scalar) reading the table it writes;
     * MySQL refuses it (error 1093), so the compiler refuses it there first. Default: true.
     */
    default boolean subqueryMayReadWrittenTable() {
        return true;
    }

    /** Renders {@code left op right}; the default is the standard infix operator. */
    default void renderArithmetic(Arithmetic<?> node, SqlRenderer out) {
        out.expression(node.left()).sql(" " + node.operator().sql() + " ").expression(node.right());
    }

    /** Renders string concatenation; the default is the standard {@code ||}. */
    default void renderConcat(Concat node, SqlRenderer out) {
        out.expression(node.left()).sql(" || ").expression(node.right());
    }

    /** Renders the row limit and offset (either may be null); the default is {@code LIMIT ? OFFSET ?}. */
    default void renderLimitOffset(Integer limit, Integer offset, SqlRenderer out) {
        if (limit != null) {
            out.sql(" LIMIT ").bind(Integer.class, limit);
        }
        if (offset != null) {
            out.sql(" OFFSET ").bind(Integer.class, offset);
        }
    }

    /**
     * The kind of a constraint violation this database reported as {@code e} (an SQLState of class
     * 23), where its SQLState is not the standard one for it; {@code standard} is what the SQLState
     * says (23505 unique, 23503 foreign key, 23502 not null, 23514 check, else OTHER). The built-in
     * drivers are understood without this hook.
     */
    default io.athanor.sql.ConstraintViolationException.Kind constraintKind(java.sql.SQLException e,
            io.athanor.sql.ConstraintViolationException.Kind standard) {
        return standard;
    }

    /**
     * The name of the violated constraint (the column, for NOT NULL) where the driver tells it only in
     * its message text; null when it does not. Never return a bound value: Athanor's own message
     * carries this name.
     */
    default String constraintName(java.sql.SQLException e, io.athanor.sql.ConstraintViolationException.Kind kind) {
        return null;
    }

    /**
     * True when {@code ALTER TABLE ... ADD FOREIGN KEY} adds a foreign key to an existing table; false
     * for SQLite, which can only declare keys in CREATE TABLE. Used by migration scripts.
     */
    default boolean canAddForeignKey() {
        return true;
    }

    /**
     * Renders the upsert clause after {@code INSERT ... VALUES (...)}: on a conflict over
     * {@code conflict} (a primary key or unique constraint), the existing row's {@code update}
     * columns take the inserted values. The default refuses: a dialect says how its database does it
     * (PostgreSQL and SQLite {@code ON CONFLICT (...) DO UPDATE SET c = excluded.c}, MariaDB
     * {@code ON DUPLICATE KEY UPDATE c = VALUES(c)}).
     */
    default void renderUpsert(java.util.List<io.athanor.sql.Column<?>> conflict, java.util.List<io.athanor.sql.Column<?>> update,
            SqlRenderer out) {
        throw new io.athanor.sql.SqlException("the " + name() + " dialect has no upsert (INSERT ... ON CONFLICT)");
    }

    /** {@link #renderUpsert} as PostgreSQL and SQLite write it: {@code ON CONFLICT (k) DO UPDATE SET c = excluded.c}. */
    static void renderOnConflictDoUpdate(java.util.List<io.athanor.sql.Column<?>> conflict,
            java.util.List<io.athanor.sql.Column<?>> update, SqlRenderer out) {
        out.sql(" ON CONFLICT (");
        for (int i = 0; i < conflict.size(); i++) {
            out.sql(i == 0 ? "" : ", ").identifier(conflict.get(i).name());
        }
        out.sql(") DO UPDATE SET ");
        for (int i = 0; i < update.size(); i++) {
            out.sql(i == 0 ? "" : ", ").identifier(update.get(i).name()).sql(" = excluded.").identifier(update.get(i).name());
        }
    }
}
