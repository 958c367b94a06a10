package io.athanor.sql.spi;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/**
 * Value types that store a Java type the way plain JDBC does ({@code setInt}/{@code getInt} and so
 * on, SQL NULL read back as null), for a given DDL type. Most dialects need a few of these; they
 * write {@link ValueType#of} only where their database or driver needs something else.
 */
public final class JdbcTypes {
    private JdbcTypes() {
    }

    public static ValueType<Boolean> booleans(String ddl) {
        return ValueType.of(Boolean.class, ddl, Types.BOOLEAN, (ps, i, v) -> ps.setBoolean(i, v),
                (rs, i) -> orNull(rs, rs.getBoolean(i)), (rs, i) -> rs.getBoolean(i));
    }

    public static ValueType<Integer> integers(String ddl) {
        return ValueType.of(Integer.class, ddl, Types.INTEGER, (ps, i, v) -> ps.setInt(i, v),
                (rs, i) -> orNull(rs, rs.getInt(i)), (rs, i) -> rs.getInt(i));
    }

    public static ValueType<Long> longs(String ddl) {
        return ValueType.of(Long.class, ddl, Types.BIGINT, (ps, i, v) -> ps.setLong(i, v),
                (rs, i) -> orNull(rs, rs.getLong(i)), (rs, i) -> rs.getLong(i));
    }

    public static ValueType<Double> doubles(String ddl) {
        return ValueType.of(Double.class, ddl, Types.DOUBLE, (ps, i, v) -> ps.setDouble(i, v),
                (rs, i) -> orNull(rs, rs.getDouble(i)), (rs, i) -> rs.getDouble(i));
    }

    public static ValueType<BigDecimal> decimals(String ddl, int sqlType) {
        return ValueType.of(BigDecimal.class, ddl, sqlType, (ps, i, v) -> ps.setBigDecimal(i, v), ResultSet::getBigDecimal);
    }

    /** Strings; a lone surrogate is refused ({@link StorageRules#wellFormedText()}). */
    public static ValueType<String> strings(String ddl) {
        return ValueType.of(String.class, ddl, Types.VARCHAR, (ps, i, v) -> ps.setString(i, v), ResultSet::getString)
                .storing(StorageRules.wellFormedText());
    }

    public static ValueType<byte[]> bytes(String ddl, int sqlType) {
        return ValueType.of(byte[].class, ddl, sqlType, (ps, i, v) -> ps.setBytes(i, v), ResultSet::getBytes);
    }

    /** {@code setObject}/{@code getObject(LocalDate.class)}, as JDBC 4.2 drivers support. */
    public static ValueType<LocalDate> localDates(String ddl) {
        return ValueType.of(LocalDate.class, ddl, Types.DATE, (ps, i, v) -> ps.setObject(i, v),
                (rs, i) -> rs.getObject(i, LocalDate.class));
    }

    /** {@code value}, or null when the column just read was SQL NULL (primitive getters return 0 or false then). */
    public static <T> T orNull(ResultSet rs, T value) throws SQLException {
        return rs.wasNull() ? null : value;
    }
}
