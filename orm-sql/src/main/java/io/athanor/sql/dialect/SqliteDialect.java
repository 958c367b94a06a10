package io.athanor.sql.dialect;

import io.athanor.sql.Column;
import io.athanor.sql.StatementKind;
import io.athanor.sql.Expression;
import io.athanor.sql.ast.Arithmetic;
import io.athanor.sql.ast.ArithmeticOperator;
import io.athanor.sql.spi.BaseDialect;
import io.athanor.sql.spi.Decimals;
import io.athanor.sql.spi.JdbcTypes;
import io.athanor.sql.spi.Comparability;
import io.athanor.sql.spi.KeyQueries;
import io.athanor.sql.spi.KeyRetrieval;
import io.athanor.sql.spi.LikeMatching;
import io.athanor.sql.spi.SqlRenderer;
import io.athanor.sql.spi.StorageRules;
import io.athanor.sql.spi.ValueType;
import io.athanor.sql.schema.CatalogColumn;
import io.athanor.sql.schema.CatalogTable;
import java.util.Optional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * SQLite (xerial sqlite-jdbc). SQLite has few storage classes, so: booleans are INTEGER 0/1;
 * a BigDecimal column that declares its scale is an exact scaled INTEGER (see {@link #declaredDecimal}),
 * any other BigDecimal is canonical TEXT (equal numbers are equal text, but text order is not number
 * order, so only = and &lt;&gt; are allowed on it); dates and times are
 * fixed-width ISO TEXT so that text order is time order, and so only years 0000-9999 are stored
 * (others are refused when bound); LocalDateTime and Instant keep nanoseconds; UUID is TEXT. NaN is
 * refused when bound (SQLite would store NULL); the infinities are stored; {@code -0.0} is stored as
 * {@code 0.0}. Integer arithmetic that overflows is an error, as on the servers (see
 * {@link #renderArithmetic}). File databases run in WAL mode with foreign keys on and a busy timeout;
 * foreign keys are on for connections of a given DataSource too ({@link #prepareGivenConnection}).
 * One transaction writes at a time ({@link #singleWriter()}): {@code Database} queues writers, and
 * {@code Database.beginWriting()} begins with {@code BEGIN IMMEDIATE} (see docs/transactions.md).
 * RETURNING (SQLite 3.35+) works for INSERT, UPDATE and DELETE.
 */
public class SqliteDialect extends BaseDialect {
    /** Fixed-width ISO text orders as time only for four-digit years. */
    private static final LocalDate FIRST_DATE = LocalDate.of(0, 1, 1);
    private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS");
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** SQLite with RETURNING for every DML statement. */
    public SqliteDialect() {
        this(EnumSet.of(StatementKind.INSERT, StatementKind.UPDATE, StatementKind.DELETE));
    }

    /** SQLite claiming RETURNING only for {@code returning}; lets tests exercise the other code paths. */
    public SqliteDialect(Set<StatementKind> returning) {
        super("sqlite", returning);
        register(ValueType.of(Boolean.class, "INTEGER", Types.INTEGER,
                (ps, i, v) -> ps.setInt(i, v ? 1 : 0),
                (rs, i) -> {
                    int v = rs.getInt(i);
                    return rs.wasNull() ? null : v != 0;
                }));
        register(JdbcTypes.integers("INTEGER"));
        register(JdbcTypes.longs("INTEGER"));
        register(ValueType.of(Double.class, "REAL", Types.DOUBLE, (ps, i, v) -> ps.setDouble(i, v),
                (rs, i) -> {
                    double v = rs.getDouble(i);
                    return rs.wasNull() ? null : v;
                }).storing(StorageRules.doubles("SQLite REAL", false, true, false)));
        // SQLite has no fixed-point type: see declaredDecimal for decimals that declare their scale.
        register(Decimals.canonicalText("TEXT"));
        register(JdbcTypes.strings("TEXT"));
        register(ValueType.of(byte[].class, "BLOB", Types.BLOB,
                (ps, i, v) -> ps.setBytes(i, v),
                (rs, i) -> {
                    byte[] b = rs.getBytes(i);
                    // sqlite3_column_blob gives NULL for a zero-length blob; tell it from SQL NULL.
                    return b == null && !rs.wasNull() ? new byte[0] : b;
                }));
        register(ValueType.of(LocalDate.class, "TEXT", Types.VARCHAR,
                (ps, i, v) -> ps.setString(i, v.toString()),
                (rs, i) -> {
                    String s = rs.getString(i);
                    return s == null ? null : LocalDate.parse(s);
                }).storing(StorageRules.localDates("SQLite date text", FIRST_DATE, LAST_DATE)));
        register(ValueType.of(LocalDateTime.class, "TEXT", Types.VARCHAR,
                (ps, i, v) -> ps.setString(i, DATE_TIME.format(v)),
                (rs, i) -> {
                    String s = rs.getString(i);
                    return s == null ? null : LocalDateTime.parse(s, DATE_TIME);
                }).storing(StorageRules.localDateTimes("SQLite date-time text", FIRST_DATE.atStartOfDay(),
                        LAST_DATE.atTime(LocalTime.MAX), ChronoUnit.NANOS)));
        register(ValueType.of(Instant.class, "TEXT", Types.VARCHAR,
                (ps, i, v) -> ps.setString(i, INSTANT.format(v)),
                (rs, i) -> {
                    String s = rs.getString(i);
                    return s == null ? null : Instant.from(INSTANT.parse(s));
                }).storing(StorageRules.instants("SQLite instant text", FIRST_DATE.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        LAST_DATE.atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC), ChronoUnit.NANOS)));
        register(ValueType.of(UUID.class, "TEXT", Types.VARCHAR,
                (ps, i, v) -> ps.setString(i, v.toString()),
                (rs, i) -> {
                    String s = rs.getString(i);
                    return s == null ? null : UUID.fromString(s);
                }));
    }

    /**
     * SQLite compares TEXT with memcmp over UTF-8 (code-point order), and the ISO encodings above
     * sort in time order. UUIDs (lowercase text), enums (names) and decimals of undeclared scale
     * (canonical text) only agree on equality; blobs are not vouched for. Decimal columns of declared
     * scale are ordered: see {@link #comparability(Column)}.
     */
    @Override
    public Comparability comparability(Class<?> javaType) {
        if (javaType == Boolean.class || javaType == Integer.class || javaType == Long.class || javaType == Double.class
                || javaType == String.class || javaType == LocalDate.class || javaType == LocalDateTime.class
                || javaType == Instant.class) {
            return Comparability.ORDERED;
        }
        if (javaType == UUID.class || javaType.isEnum() || javaType == BigDecimal.class) {
            return Comparability.EQUALITY_ONLY;
        }
        return Comparability.NONE;
    }

    /**
     * A decimal of declared scale is stored as the exact integer v * 10^scale, which SQL compares,
     * orders, adds and subtracts as numbers (the compiler refuses mixing scales); read back at that
     * scale. The CHECK keeps every stored value within the precision, so an overflowing SQL
     * addition (which SQLite would turn into a REAL) fails instead of storing another number.
     */
    @Override
    protected ValueType<BigDecimal> declaredDecimal(Column<?> column, int precision, int scale) {
        String limit = "9".repeat(precision);
        String ddl = "INTEGER CHECK (" + quote(column.name()) + " BETWEEN -" + limit + " AND " + limit + ")";
        return Decimals.scaledInteger(ddl, precision, scale, "column " + column);
    }

    /** 18 digits: a scaled decimal must fit a 64-bit integer. */
    @Override
    protected int largestDecimalPrecision() {
        return 18;
    }

    /** Decimals of declared scale, stored as scaled integers, are ordered; other columns as their type. */
    @Override
    public Comparability comparability(Column<?> column) {
        return column.hasDeclaredScale() ? Comparability.ORDERED : comparability(column.type());
    }

    /** INTEGER and REAL arithmetic is 64-bit and IEEE; decimals are stored as text and are not. */
    @Override
    public boolean arithmeticMatchesJava(Class<?> javaType) {
        return javaType == Integer.class || javaType == Long.class || javaType == Double.class;
    }

    /**
     * SQLite turns an integer result that overflows 64 bits into a REAL silently ({@code MAX + 1}
     * stored in an INTEGER column reads back as MAX), and an Integer result beyond 32 bits would read
     * back wrapped. So integer arithmetic is checked where it is computed, each operand evaluated
     * once: a result that is a REAL (or, for Integer, outside the int range) raises SQLite's
     * "integer overflow" error (from {@code abs(-9223372036854775808)}), as PostgreSQL and MariaDB
     * raise theirs. NULL (a NULL operand, division by zero) passes. One check covers a chain of
     * {@code + - * /}, since a REAL stays REAL through them; {@code %} converts a REAL back to an
     * integer, so its operands are checked on their own.
     *
     * <p>A value stored into a column (SET, INSERT) is not checked here: the per-row subquery would
     * triple the cost of a bulk {@code SET foo = foo + 1}. The column's CHECK constraint, which
     * {@link #columnType} adds to every Integer and Long column Athanor creates, refuses a REAL or an
     * out-of-range result instead, at the cost of one comparison per written row. A {@code %} inside
     * such a value still checks its operands, since it turns a REAL back into an integer.
     */
    @Override
    public void renderArithmetic(Arithmetic<?> node, SqlRenderer out) {
        if (!integral(node)) {
            super.renderArithmetic(node, out);
            return;
        }
        if (out.isStoredValue(node)) {
            renderUnchecked(node, out);
            return;
        }
        out.sql("(SELECT CASE WHEN typeof(athanor_v) = 'real'"
                + (node.type() == Integer.class ? " OR athanor_v NOT BETWEEN -2147483648 AND 2147483647" : "")
                + " THEN abs(-9223372036854775808) ELSE athanor_v END FROM (SELECT ");
        renderUnchecked(node, out);
        out.sql(" AS athanor_v))");
    }

    private static boolean integral(Expression<?> e) {
        return e instanceof Arithmetic<?> && (e.type() == Integer.class || e.type() == Long.class);
    }

    private static void renderUnchecked(Arithmetic<?> node, SqlRenderer out) {
        operand(node, node.left(), out);
        out.sql(" " + node.operator().sql() + " ");
        operand(node, node.right(), out);
    }

    private static void operand(Arithmetic<?> parent, Expression<?> operand, SqlRenderer out) {
        if (parent.operator() != ArithmeticOperator.MOD && integral(operand)) {
            out.sql("(");
            renderUnchecked((Arithmetic<?>) operand, out);
            out.sql(")");
        } else {
            out.expression(operand);
        }
    }

    /** SQLite's built-in LIKE folds the case of ASCII letters only (unless {@code PRAGMA case_sensitive_like} is set). */
    @Override
    public LikeMatching likeMatching() {
        return LikeMatching.ASCII_CASE_INSENSITIVE;
    }

    @Override
    public boolean divisionByZeroIsNull() {
        return true;
    }

    @Override
    public boolean acceptsUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    @Override
    public boolean acceptsProduct(String databaseProductName) {
        return "SQLite".equalsIgnoreCase(databaseProductName);
    }

    /**
     * sqlite-jdbc returns no generated keys for a batch, and SQLite does not promise the order of a
     * multi-row RETURNING; but it documents how it picks a new rowid: one more than the largest rowid
     * (or, for an AUTOINCREMENT table, than the largest ever used, kept in {@code sqlite_sequence}),
     * unless that largest is 2^63-1. So the keys of a batch are derived ({@link KeyRetrieval#SEQUENTIAL}).
     */
    @Override
    public KeyRetrieval keyRetrieval() {
        return KeyRetrieval.SEQUENTIAL;
    }

    /** The largest key of the table, or of its AUTOINCREMENT sequence if greater. */
    @Override
    public long greatestGeneratedKey(KeyQueries queries, io.athanor.sql.Table table, Column<?> key) throws SQLException {
        Object[] row = queries.rows("SELECT (SELECT max(" + quote(key.name()) + ") FROM " + quote(table.name())
                + "), (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence')").get(0);
        long greatest = row[0] == null ? 0 : ((Number) row[0]).longValue();
        if (((Number) row[1]).intValue() == 0) {
            return greatest; // no AUTOINCREMENT table in this database
        }
        List<Object[]> sequence = queries.rows("SELECT seq FROM sqlite_sequence WHERE name = ?", table.name());
        return sequence.isEmpty() || sequence.get(0)[0] == null ? greatest
                : Math.max(greatest, ((Number) sequence.get(0)[0]).longValue());
    }

    /** {@code last_insert_rowid()} is the rowid of the connection's last inserted row (its key: a rowid alias). */
    @Override
    public boolean lastInsertedKeyIs(KeyQueries queries, io.athanor.sql.Table table, Column<?> key, long expected)
            throws SQLException {
        Object[] row = queries.rows("SELECT max(" + quote(key.name()) + "), last_insert_rowid() FROM " + quote(table.name())).get(0);
        return row[0] != null && ((Number) row[0]).longValue() == expected && ((Number) row[1]).longValue() == expected;
    }

    /** A generated key must be declared exactly INTEGER to become SQLite's auto-assigned rowid. */
    @Override
    public String columnType(Column<?> column) {
        if (column.isGenerated()) {
            return "INTEGER";
        }
        String type = super.columnType(column);
        if (column.hasDeclaredScale() || column.type() != Integer.class && column.type() != Long.class) {
            return type;
        }
        // SQLite stores an overflowing integer result as a REAL, and any 64-bit value in an Integer
        // column: the CHECK refuses both when they are written (see renderArithmetic).
        String name = quote(column.table().name() + "_" + column.name() + (column.type() == Integer.class ? "_int32" : "_int64"));
        String col = quote(column.name());
        return type + " CONSTRAINT " + name + (column.type() == Integer.class
                ? " CHECK (" + col + " BETWEEN -2147483648 AND 2147483647)"
                : " CHECK (typeof(" + col + ") IN ('integer', 'null'))");
    }

    /** See {@link SqliteCatalog#typeMismatch}. */
    @Override
    public Optional<String> typeMismatch(Column<?> column, CatalogColumn found, CatalogTable table) {
        return SqliteCatalog.typeMismatch(this, column, found, table);
    }

    /** The CREATE TABLE text SQLite keeps (with every ADD COLUMN appended): its CHECKs are nowhere else. */
    @Override
    public Optional<String> tableDefinition(Connection connection, String table) throws SQLException {
        return SqliteCatalog.tableDefinition(connection, table);
    }

    @Override
    public Properties connectionProperties(String jdbcUrl) {
        Properties p = new Properties();
        p.setProperty("foreign_keys", "true");
        p.setProperty("busy_timeout", "10000");
        if (!isMemory(jdbcUrl)) {
            p.setProperty("journal_mode", "WAL");
            // WAL is durable with NORMAL at commit boundaries for application crashes; FULL adds an fsync per commit.
            p.setProperty("synchronous", "NORMAL");
        }
        return p;
    }

    /**
     * Foreign keys are off by default in SQLite, per connection; Athanor's own pool turns them on
     * through {@link #connectionProperties}, a given DataSource's connections here. The pragma is a
     * no-op inside a transaction: sqlite-jdbc begins one whenever auto-commit is off, so a connection
     * handed over in that state runs it in auto-commit mode and is then put back (a connection fresh
     * from a pool has no work pending). A connection that is not sqlite-jdbc's is left alone, as in
     * {@link #beginImmediately}.
     */
    @Override
    public void prepareGivenConnection(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(SQLiteConnection.class)) {
            return;
        }
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.setAutoCommit(true);
        }
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
        }
        if (!autoCommit) {
            connection.setAutoCommit(false);
        }
    }

    /** SQLite checks a FOREIGN KEY's table only when rows are written, so CREATE TABLE may name a later one. */
    @Override
    public boolean createTableAcceptsForwardReferences() {
        return true;
    }

    /** SQLite locks the whole database for a writer: one writing transaction at a time. */
    @Override
    public boolean singleWriter() {
        return true;
    }

    /**
     * sqlite-jdbc issues BEGIN when auto-commit is turned off and again right after each COMMIT or
     * ROLLBACK, in the connection's transaction mode: IMMEDIATE for a writer, DEFERRED (the pool's
     * default) for everything else, restored before the writer ends so that the BEGIN issued at its
     * COMMIT takes no lock. A connection that is not sqlite-jdbc's is left alone.
     */
    @Override
    public void beginImmediately(Connection connection, boolean immediate) throws SQLException {
        if (connection.isWrapperFor(SQLiteConnection.class)) {
            connection.unwrap(SQLiteConnection.class).getConnectionConfig()
                    .setTransactionMode(immediate ? SQLiteConfig.TransactionMode.IMMEDIATE : SQLiteConfig.TransactionMode.DEFERRED);
        }
    }

    /** OFFSET needs a LIMIT in SQLite; -1 means no limit. */
    @Override
    public void renderLimitOffset(Integer limit, Integer offset, SqlRenderer out) {
        if (limit != null || offset != null) {
            out.sql(" LIMIT ").bind(Integer.class, limit == null ? -1 : limit);
        }
        if (offset != null) {
            out.sql(" OFFSET ").bind(Integer.class, offset);
        }
    }

    private static boolean isMemory(String url) {
        return url.contains(":memory:") || url.contains("mode=memory");
    }

    /** SQLite declares foreign keys only in CREATE TABLE: adding one means rebuilding the table. */
    @Override
    public boolean canAddForeignKey() {
        return false;
    }

    /** SQLite 3.24+: {@code ON CONFLICT (k) DO UPDATE SET c = excluded.c}. */
    @Override
    public void renderUpsert(java.util.List<Column<?>> conflict, java.util.List<Column<?>> update, SqlRenderer out) {
        io.athanor.sql.spi.Dialect.renderOnConflictDoUpdate(conflict, update, out);
    }
}
