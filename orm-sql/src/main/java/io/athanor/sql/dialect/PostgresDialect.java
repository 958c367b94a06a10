package io.athanor.sql.dialect;

import io.athanor.sql.Column;
import io.athanor.sql.StatementKind;
import io.athanor.sql.spi.BaseDialect;
import io.athanor.sql.spi.SqlRenderer;
import io.athanor.sql.spi.Decimals;
import io.athanor.sql.spi.JdbcTypes;
import io.athanor.sql.spi.Comparability;
import io.athanor.sql.spi.KeyQueries;
import io.athanor.sql.spi.KeyRetrieval;
import io.athanor.sql.spi.LikeMatching;
import io.athanor.sql.spi.StorageRules;
import io.athanor.sql.spi.ValueType;
import io.athanor.sql.schema.CatalogColumn;
import io.athanor.sql.schema.CatalogTable;
import io.athanor.sql.schema.CatalogTypes;
import java.util.Optional;
import java.util.Map;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * PostgreSQL (pgjdbc). Native types for everything: BOOLEAN, INTEGER, BIGINT, DOUBLE PRECISION,
 * unconstrained NUMERIC (keeps each value's scale; a negative scale such as {@code 1E+30} comes back
 * with scale 0) or {@code NUMERIC(p,s)} for a column that declares its scale, TEXT, BYTEA, DATE, TIMESTAMP, TIMESTAMPTZ and uuid. PostgreSQL keeps microseconds,
 * so LocalDateTime and Instant are truncated (toward the past) to microseconds when bound, rather
 * than left to the server, which would round (and could round 9999-12-31T23:59:59.9999999 out of
 * range). Dates and date-times before 4713-01-01 BC (ISO year -4712) or after the types' last day
 * are refused when bound (pgjdbc would send LocalDate.MIN and the like as -infinity). NaN, the
 * infinities and {@code -0.0} are stored as they are. TEXT cannot hold the character U+0000: such a
 * string is refused by the server.
 * RETURNING works for INSERT, UPDATE and DELETE. No driver properties are set: pgjdbc's
 * {@code reWriteBatchedInserts=true} would fold a batch of inserts into multi-row statements and
 * report {@code SUCCESS_NO_INFO} (-2) instead of each row's count, so it stays off; UPDATE and
 * DELETE batches report exact per-statement counts by default.
 */
public class PostgresDialect extends BaseDialect {
    /**
     * 4713-01-01 BC (ISO year -4712), the documented first day of DATE and TIMESTAMP: pgjdbc sends any
     * earlier date or time as -infinity, which reads back as another value.
     */
    private static final LocalDate FIRST_DAY = LocalDate.of(-4712, 1, 1);
    /** The last microsecond of TIMESTAMP and TIMESTAMPTZ. */
    private static final LocalDateTime LAST_MOMENT = LocalDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_000);

    /** PostgreSQL with RETURNING for every DML statement. */
    public PostgresDialect() {
        super("postgresql", EnumSet.of(StatementKind.INSERT, StatementKind.UPDATE, StatementKind.DELETE));
        register(JdbcTypes.booleans("BOOLEAN"));
        register(JdbcTypes.integers("INTEGER"));
        register(JdbcTypes.longs("BIGINT"));
        register(JdbcTypes.doubles("DOUBLE PRECISION").storing(StorageRules.doubles("PostgreSQL DOUBLE PRECISION",
                true, true, true)));
        register(JdbcTypes.decimals("NUMERIC", Types.NUMERIC));
        register(JdbcTypes.strings("TEXT"));
        register(JdbcTypes.bytes("BYTEA", Types.BINARY));
        register(JdbcTypes.localDates("DATE").storing(StorageRules.localDates("PostgreSQL DATE", FIRST_DAY,
                LocalDate.of(5_874_897, 12, 31))));
        register(ValueType.of(LocalDateTime.class, "TIMESTAMP", Types.TIMESTAMP,
                (ps, i, v) -> ps.setObject(i, v),
                (rs, i) -> rs.getObject(i, LocalDateTime.class))
                .storing(StorageRules.localDateTimes("PostgreSQL TIMESTAMP", FIRST_DAY.atStartOfDay(), LAST_MOMENT,
                        ChronoUnit.MICROS)));
        // TIMESTAMPTZ stores a UTC instant; binding an OffsetDateTime at UTC keeps the session time zone out of it.
        register(ValueType.of(Instant.class, "TIMESTAMPTZ", Types.TIMESTAMP_WITH_TIMEZONE,
                (ps, i, v) -> ps.setObject(i, OffsetDateTime.ofInstant(v, ZoneOffset.UTC)),
                (rs, i) -> {
                    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                    return t == null ? null : t.toInstant();
                }).storing(StorageRules.instants("PostgreSQL TIMESTAMPTZ", FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        LAST_MOMENT.toInstant(ZoneOffset.UTC), ChronoUnit.MICROS)));
        register(ValueType.of(UUID.class, "UUID", Types.OTHER,
                (ps, i, v) -> ps.setObject(i, v),
                (rs, i) -> rs.getObject(i, UUID.class)));
    }

    /** {@code NUMERIC(p,s)}; PostgreSQL would round extra decimal places, so they are refused when bound. */
    @Override
    protected ValueType<BigDecimal> declaredDecimal(Column<?> column, int precision, int scale) {
        return Decimals.fixedPoint("NUMERIC(" + precision + "," + scale + ")", Types.NUMERIC, precision, scale,
                "column " + column);
    }

    /** NUMERIC's largest declared precision. */
    @Override
    protected int largestDecimalPrecision() {
        return 1000;
    }

    /** The catalog's names of the DDL types whose names differ (pg_type.typname). */
    private static final Map<String, Set<String>> CATALOG_NAMES = Map.of("INTEGER", Set.of("int4"), "BIGINT", Set.of("int8"),
            "BOOLEAN", Set.of("bool"), "DOUBLE", Set.of("float8"));

    /**
     * The catalog names types by {@code pg_type} ({@code int4}, {@code float8}...). A BigDecimal that
     * declares no scale needs unconstrained NUMERIC (a {@code NUMERIC(p,s)} would round); LocalDateTime
     * and Instant need all six fractional digits.
     */
    @Override
    public Optional<String> typeMismatch(Column<?> column, CatalogColumn found, CatalogTable table) {
        String ddl = columnType(column);
        boolean roundsDecimals = column.type() == BigDecimal.class && !column.hasDeclaredScale() && found.size() > 0;
        boolean roundsTimes = found.typeName().startsWith("timestamp") && found.digits() >= 0 && found.digits() < 6;
        if (roundsDecimals || roundsTimes) {
            return CatalogTypes.mismatch(column, ddl, found);
        }
        return CatalogTypes.compare(column, ddl, found, CATALOG_NAMES);
    }

    /**
     * Every pgjdbc URL, single- or multi-host ({@code jdbc:postgresql://h1:5432,h2:5432/db?targetServerType=primary},
     * a primary and its standbys).
     */
    @Override
    public boolean acceptsUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public boolean acceptsProduct(String databaseProductName) {
        return "PostgreSQL".equalsIgnoreCase(databaseProductName);
    }

    /**
     * pgjdbc turns {@code prepareStatement(sql, new String[] {key})} into {@code ... RETURNING "key"}
     * and, after {@code executeBatch()}, hands back one generated key per row, in order: one round
     * trip for the whole batch instead of one per row.
     */
    @Override
    public KeyRetrieval keyRetrieval() {
        return KeyRetrieval.RESERVED;
    }

    /** {@code nextval} of the identity's (or serial's) sequence, n times in one SELECT. */
    @Override
    public long[] reserveKeys(KeyQueries queries, io.athanor.sql.Table table, Column<?> key, int n) throws SQLException {
        // the table name is parsed as SQL (quoted, so its case is kept); the column name is taken literally
        List<Object[]> rows = queries.rows("SELECT nextval(pg_get_serial_sequence(?, ?)) FROM generate_series(1, ?)",
                quote(table.name()), key.name(), n);
        if (rows.size() != n) {
            throw new SQLException("the sequence of " + key + " gave " + rows.size() + " keys of " + n);
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            if (rows.get(i)[0] == null) {
                return null; // no sequence behind the column
            }
            keys[i] = ((Number) rows.get(i)[0]).longValue();
        }
        return keys;
    }

    /** Valid for GENERATED BY DEFAULT too (where it changes nothing); GENERATED ALWAYS requires it. */
    @Override
    public void renderOverridingGeneratedKey(SqlRenderer out) {
        out.sql(" OVERRIDING SYSTEM VALUE");
    }

    /** PostgreSQL's data-modifying WITH: {@code WITH c AS (UPDATE ... RETURNING k) SELECT k FROM c WHERE ...}. */
    @Override
    public boolean supportsReturningInWith() {
        return true;
    }

    /** Generated keys are SQL-standard identity columns; BY DEFAULT still lets a row give its own key. */
    @Override
    public String columnType(Column<?> column) {
        if (column.isGenerated()) {
            return (column.type() == Integer.class ? "INTEGER" : "BIGINT") + " GENERATED BY DEFAULT AS IDENTITY";
        }
        return super.columnType(column);
    }

    /**
     * Numbers, booleans, dates and times compare as in Java (BigDecimal by {@code compareTo}: in SQL
     * {@code 1.0 = 1.00}). Text compares with the database's collation, which this dialect cannot
     * know (only "C" is code-point order), so strings and enum names are vouched for equality only.
     * uuid orders as unsigned bytes, java.util.UUID as signed longs: equality only.
     */
    @Override
    public Comparability comparability(Class<?> javaType) {
        if (javaType == Boolean.class || javaType == Integer.class || javaType == Long.class || javaType == Double.class
                || javaType == BigDecimal.class || javaType == LocalDate.class || javaType == LocalDateTime.class
                || javaType == Instant.class) {
            return Comparability.ORDERED;
        }
        if (javaType == String.class || javaType == UUID.class || javaType.isEnum()) {
            return Comparability.EQUALITY_ONLY;
        }
        return Comparability.NONE;
    }

    /**
     * int4/int8 division truncates toward zero and % takes the dividend's sign, as in Java; float8 is
     * IEEE. Overflow raises an error instead of wrapping. NUMERIC division picks its own scale.
     */
    @Override
    public boolean arithmeticMatchesJava(Class<?> javaType) {
        return javaType == Integer.class || javaType == Long.class || javaType == Double.class;
    }

    /**
     * LIKE is case-sensitive and compares characters exactly under a deterministic collation (the
     * default; LIKE on a nondeterministic collation is an error or a different match).
     */
    @Override
    public LikeMatching likeMatching() {
        return LikeMatching.EXACT;
    }

    /** Division (and modulo) by zero raises an error, for floats too. */
    @Override
    public boolean divisionByZeroIsNull() {
        return false;
    }

    /** {@code ON CONFLICT (k) DO UPDATE SET c = excluded.c}. */
    @Override
    public void renderUpsert(java.util.List<Column<?>> conflict, java.util.List<Column<?>> update, SqlRenderer out) {
        io.athanor.sql.spi.Dialect.renderOnConflictDoUpdate(conflict, update, out);
    }
}
