package io.athanor.sql.dialect;

import io.athanor.sql.Column;
import io.athanor.sql.StatementKind;
import io.athanor.sql.ast.Arithmetic;
import io.athanor.sql.ast.ArithmeticOperator;
import io.athanor.sql.ast.Concat;
import io.athanor.sql.spi.BaseDialect;
import io.athanor.sql.spi.Decimals;
import io.athanor.sql.spi.JdbcTypes;
import io.athanor.sql.spi.Comparability;
import io.athanor.sql.spi.KeyRetrieval;
import io.athanor.sql.spi.SqlRenderer;
import io.athanor.sql.spi.StorageRules;
import io.athanor.sql.spi.ValueType;
import io.athanor.sql.schema.CatalogColumn;
import io.athanor.sql.schema.CatalogTable;
import io.athanor.sql.schema.CatalogTypes;
import java.util.Optional;
import java.util.Map;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.GregorianCalendar;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;

/**
 * MariaDB 10.5+ (and MySQL through the same SQL), with MariaDB Connector/J 3.x.
 *
 * <ul>
 * <li>BigDecimal is {@code DECIMAL(p,s)} for a column that declares its scale, else {@code DECIMAL(65,10)}:
 * every value comes back with the column's scale, so a value of that scale round-trips exactly
 * ({@code equals}) and one of smaller scale compares equal ({@code compareTo}). A value needing more
 * decimal places (or digits) than the column holds is refused when bound, naming the column, because
 * the server would round it silently (a Note, not an error, even in strict mode).</li>
 * <li>String is {@code LONGTEXT CHARACTER SET utf8mb4} (all of Unicode; plain TEXT stops at 64 KB), but {@code VARCHAR(255)} when it is
 * a primary key or UNIQUE, since TEXT cannot be indexed without a prefix length.</li>
 * <li>LocalDateTime and Instant are {@code DATETIME(6)}; an Instant is stored as its UTC date-time, so
 * the session time zone never touches it. Both are truncated to microseconds when bound (the server
 * keeps no more). Dates and date-times outside years 1000-9999, the documented DATE and DATETIME
 * range, are refused when bound.</li>
 * <li>Double is {@code DOUBLE}, which has no NaN or infinities: they are refused when bound (the
 * driver would write them into the SQL text as a bare word); {@code -0.0} is stored as {@code 0.0}.</li>
 * <li>UUID is {@code CHAR(36) CHARACTER SET ascii}, lowercase text.</li>
 * </ul>
 * Identifiers are quoted with backticks (the default sql_mode has no ANSI_QUOTES; backticks also work
 * with it). RETURNING works for INSERT (10.5+) and DELETE, not UPDATE. {@code ||} means OR here, so
 * concatenation is {@code CONCAT(a, b)}; {@code /} on integers gives a decimal, so integer division
 * is {@code DIV}. MySQL has no RETURNING at all: {@link MySqlDialect} is this dialect without it.
 */
public class MariaDbDialect extends BaseDialect {
    /** The decimal places a BigDecimal column keeps. */
    public static final int DECIMAL_SCALE = 10;
    /** Writing keeps exactly microseconds, so the value is truncated here rather than by the server. */
    private static final DateTimeFormatter DATE_TIME_OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    /** The documented range of DATE and DATETIME: years 1000 to 9999. */
    private static final LocalDate FIRST_DAY = LocalDate.of(1000, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private static final LocalDateTime LAST_MOMENT = LAST_DAY.atTime(23, 59, 59, 999_999_000);
    /** LIMIT's largest value: MariaDB needs a LIMIT before OFFSET, and this one means "no limit". */
    private static final String NO_LIMIT = "18446744073709551615";

    /** MariaDB with RETURNING for INSERT and DELETE. */
    public MariaDbDialect() {
        this(EnumSet.of(StatementKind.INSERT, StatementKind.DELETE));
    }

    /** Claiming RETURNING only for {@code returning} (none for MySQL; tests use it for other code paths). */
    public MariaDbDialect(Set<StatementKind> returning) {
        this("mariadb", returning);
    }

    /** For variants of the same SQL under another name (MySQL). */
    protected MariaDbDialect(String name, Set<StatementKind> returning) {
        super(name, returning);
        register(JdbcTypes.booleans("BOOLEAN"));
        register(JdbcTypes.integers("INT"));
        register(JdbcTypes.longs("BIGINT"));
        register(JdbcTypes.doubles("DOUBLE").storing(StorageRules.doubles("MariaDB DOUBLE", false, false, false)));
        register(Decimals.fixedPoint("DECIMAL(65," + DECIMAL_SCALE + ")", Types.DECIMAL, 65, DECIMAL_SCALE,
                "MariaDB DECIMAL(65," + DECIMAL_SCALE + ")"));
        register(JdbcTypes.strings("LONGTEXT CHARACTER SET utf8mb4"));
        register(JdbcTypes.bytes("LONGBLOB", Types.LONGVARBINARY));
        // Connector/J converts date-times through java.sql.Timestamp in the JVM's time zone (even for
        // getString and getObject(LocalDateTime.class)), which moves a local time in a DST gap by an hour.
        // So values are written as text and DATETIMEs read through a UTC, purely Gregorian calendar.
        register(ValueType.of(LocalDate.class, "DATE", Types.VARCHAR,
                (ps, i, v) -> ps.setString(i, v.toString()),
                (rs, i) -> {
                    String s = rs.getString(i);
                    return s == null ? null : LocalDate.parse(s);
                }).storing(StorageRules.localDates("MariaDB DATE", FIRST_DAY, LAST_DAY)));
        register(ValueType.of(LocalDateTime.class, "DATETIME(6)", Types.VARCHAR,
                (ps, i, v) -> ps.setString(i, DATE_TIME_OUT.format(v)),
                (rs, i) -> readDateTime(rs, i))
                .storing(StorageRules.localDateTimes("MariaDB DATETIME(6)", FIRST_DAY.atStartOfDay(), LAST_MOMENT,
                        ChronoUnit.MICROS)));
        register(ValueType.of(Instant.class, "DATETIME(6)", Types.VARCHAR,
                (ps, i, v) -> ps.setString(i, DATE_TIME_OUT.format(LocalDateTime.ofInstant(v, ZoneOffset.UTC))),
                (rs, i) -> {
                    LocalDateTime t = readDateTime(rs, i);
                    return t == null ? null : t.toInstant(ZoneOffset.UTC);
                }).storing(StorageRules.instants("MariaDB DATETIME(6) (at UTC)", FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC),
                        LAST_MOMENT.toInstant(ZoneOffset.UTC), ChronoUnit.MICROS)));
        register(ValueType.of(UUID.class, "CHAR(36) CHARACTER SET ascii", Types.CHAR,
                (ps, i, v) -> ps.setString(i, v.toString()),
                (rs, i) -> {
                    String s = rs.getString(i);
                    return s == null ? null : UUID.fromString(s);
                }));
    }

    private static LocalDateTime readDateTime(ResultSet rs, int i) throws SQLException {
        // A fresh calendar each time: Calendar is not thread-safe. Gregorian change at the start of
        // time, because java.time is proleptic Gregorian and so is the server.
        GregorianCalendar utc = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        utc.setGregorianChange(new Date(Long.MIN_VALUE));
        Timestamp t = rs.getTimestamp(i, utc);
        return t == null ? null : LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC);
    }

    /**
     * A decimal column that declares no scale is {@code DECIMAL(65,10)}, as a bare BigDecimal; it is
     * stored like a declared one, so a value it cannot hold is refused naming the column.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueType<T> valueType(Column<T> column) {
        if (column.type() == BigDecimal.class && !column.hasDeclaredScale()) {
            return (ValueType<T>) declaredDecimal(column, 65, DECIMAL_SCALE);
        }
        return super.valueType(column);
    }

    /** DECIMAL's largest precision. */
    @Override
    protected int largestDecimalPrecision() {
        return 65;
    }

    /**
     * Every Connector/J URL, whatever its high-availability mode: {@code jdbc:mariadb://h/db},
     * {@code jdbc:mariadb:sequential://h1,h2,h3/db} (a Galera cluster through any node, in order),
     * {@code loadbalance}, {@code load-balance-read}, {@code replication}.
     */
    @Override
    public boolean acceptsUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mariadb:");
    }

    @Override
    public boolean acceptsProduct(String databaseProductName) {
        return "MariaDB".equalsIgnoreCase(databaseProductName);
    }

    /** Backticks, with a backtick inside the name doubled. */
    /**
     * Turns off Connector/J's bulk protocol (COM_STMT_BULK_EXECUTE, used with server-side prepared
     * statements). Before MariaDB 11.5 a bulk batch gets one result for all its rows, so the per-row
     * update counts and keys depend on the connector reconstructing them (SUCCESS_NO_INFO counts,
     * keys computed from the first one); plain pipelined execution reads one real count and one
     * real key per row, at the same single round trip. (useBulkStmts is already off by default;
     * useBulkStmtsForInserts is on.)
     */
    @Override
    public Properties connectionProperties(String jdbcUrl) {
        Properties p = new Properties();
        p.setProperty("useBulkStmts", "false");
        p.setProperty("useBulkStmtsForInserts", "false");
        return p;
    }

    /** InnoDB creates an index for every foreign key that has none. */
    @Override
    public boolean indexesForeignKeys() {
        return true;
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    /**
     * Connector/J 3.x pipelines a batch and reads each row's OK packet, which carries that row's
     * AUTO_INCREMENT value, so {@code getGeneratedKeys()} after {@code executeBatch()} has every key
     * in order (checked by the server tests, with concurrent inserters). Nothing assumes the keys are
     * consecutive: each is the server's own, so a Galera node's {@code auto_increment_increment} (the
     * cluster size) and offset, and other connections' inserts landing between this batch's rows, give
     * every object the key of its row (orm-test's InterleavedKeysTest and the cluster suite check it).
     * One round trip instead of one RETURNING per row. See {@link #connectionProperties} for the bulk
     * protocol, which would not.
     */
    @Override
    public KeyRetrieval keyRetrieval() {
        return KeyRetrieval.GENERATED_KEYS_BATCH;
    }

    /**
     * Generated keys are AUTO_INCREMENT (the table-level PRIMARY KEY that Ddl emits gives it the key
     * it needs). Indexed strings need a bounded type: keys, unique columns and foreign keys (InnoDB,
     * the default engine, indexes a foreign key column itself and wants the referenced column's type).
     */
    @Override
    public String columnType(Column<?> column) {
        if (column.isGenerated()) {
            return (column.type() == Integer.class ? "INT" : "BIGINT") + " AUTO_INCREMENT";
        }
        if ((column.type() == String.class || column.type().isEnum())
                && (column.isPrimaryKey() || column.isUnique() || column.references().isPresent())) {
            return "VARCHAR(255) CHARACTER SET utf8mb4";
        }
        return super.columnType(column);
    }

    /** Connector/J reports BOOLEAN columns as BOOLEAN (TINYINT(1)); other names are the DDL's. */
    private static final Map<String, Set<String>> CATALOG_NAMES = Map.of("BOOLEAN", Set.of("BOOLEAN", "TINYINT", "BIT"));

    /**
     * Type names as in the DDL; a {@code DATETIME(6)} is reported as 26 characters wide, one with
     * fewer fractional digits narrower (and would lose the microseconds). Character sets are not checked.
     */
    @Override
    public Optional<String> typeMismatch(Column<?> column, CatalogColumn found, CatalogTable table) {
        String ddl = columnType(column);
        if (ddl.startsWith("DATETIME(") && found.size() < 26) {
            return CatalogTypes.mismatch(column, ddl, found);
        }
        return CatalogTypes.compare(column, ddl, found, CATALOG_NAMES);
    }

    @Override
    public void renderConcat(Concat node, SqlRenderer out) {
        out.sql("CONCAT(").expression(node.left()).sql(", ").expression(node.right()).sql(")");
    }

    /** {@code /} on integers yields a DECIMAL; {@code DIV} truncates toward zero as Java does. */
    @Override
    public void renderArithmetic(Arithmetic<?> node, SqlRenderer out) {
        boolean integral = node.type() == Integer.class || node.type() == Long.class;
        String op = node.operator() == ArithmeticOperator.DIVIDE && integral ? "DIV" : node.operator().sql();
        out.expression(node.left()).sql(" " + op + " ").expression(node.right());
    }

    /** OFFSET needs a LIMIT; the largest one (a constant, not user data) means "all the rest". */
    @Override
    public void renderLimitOffset(Integer limit, Integer offset, SqlRenderer out) {
        if (limit != null) {
            out.sql(" LIMIT ").bind(Integer.class, limit);
        } else if (offset != null) {
            out.sql(" LIMIT " + NO_LIMIT);
        }
        if (offset != null) {
            out.sql(" OFFSET ").bind(Integer.class, offset);
        }
    }

    /**
     * Numbers, booleans, dates and times compare as in Java (BigDecimal by {@code compareTo}).
     * Strings and enum names are compared with the column collation, case-insensitive and
     * trailing-space-insensitive by default: not vouched for at all. UUIDs are lowercase ASCII text:
     * equality only (text order is unsigned, java.util.UUID order signed).
     */
    @Override
    public Comparability comparability(Class<?> javaType) {
        if (javaType == Boolean.class || javaType == Integer.class || javaType == Long.class || javaType == Double.class
                || javaType == BigDecimal.class || javaType == LocalDate.class || javaType == LocalDateTime.class
                || javaType == Instant.class) {
            return Comparability.ORDERED;
        }
        return javaType == UUID.class ? Comparability.EQUALITY_ONLY : Comparability.NONE;
    }

    /**
     * Integer arithmetic is 64-bit ({@code DIV} truncates, {@code %} takes the dividend's sign);
     * overflow is an error, not wraparound. DECIMAL division adds its own scale.
     */
    @Override
    public boolean arithmeticMatchesJava(Class<?> javaType) {
        return javaType == Integer.class || javaType == Long.class || javaType == Double.class;
    }

    /**
     * In SELECT and WHERE, x / 0, x DIV 0 and x % 0 are NULL (with a warning). Under the default
     * sql_mode (STRICT_TRANS_TABLES, ERROR_FOR_DIVISION_BY_ZERO), the same expression in a value that
     * INSERT or UPDATE writes is an error instead.
     */
    @Override
    public boolean divisionByZeroIsNull() {
        return true;
    }

    /**
     * {@code ON DUPLICATE KEY UPDATE c = VALUES(c)}: MariaDB takes whichever unique key conflicts,
     * not only {@code conflict}.
     */
    @Override
    public void renderUpsert(java.util.List<Column<?>> conflict, java.util.List<Column<?>> update, SqlRenderer out) {
        out.sql(" ON DUPLICATE KEY UPDATE ");
        for (int i = 0; i < update.size(); i++) {
            out.sql(i == 0 ? "" : ", ").identifier(update.get(i).name()).sql(" = VALUES(").identifier(update.get(i).name()).sql(")");
        }
    }
}
