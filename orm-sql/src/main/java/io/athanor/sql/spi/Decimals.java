package io.athanor.sql.spi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Value types for {@code BigDecimal}, for dialects. One home for the rule every dialect follows: a
 * decimal the column cannot hold (more decimal places than its scale, or more digits than its
 * precision) is refused when bound, naming the column and the value, and never rounded.
 */
public final class Decimals {
    /** SQLState "numeric value out of range", the class a database itself would use. */
    private static final String OUT_OF_RANGE = "22003";

    private Decimals() {
    }

    /**
     * {@code value} at exactly {@code scale} places, or a refusal naming {@code column} when it has
     * more decimal places than {@code scale}, or more than {@code precision} digits at that scale.
     */
    public static BigDecimal fit(BigDecimal value, int precision, int scale, String column) throws SQLDataException {
        BigDecimal scaled;
        try {
            scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new SQLDataException(column + " keeps " + scale + " decimal places, but " + value.toPlainString()
                    + " has " + value.stripTrailingZeros().scale() + ": round it yourself as you mean to"
                    + " (Athanor refuses rather than rounds)", OUT_OF_RANGE, e);
        }
        if (scaled.precision() > precision) {
            throw new SQLDataException(column + " holds at most " + (precision - scale) + " digits before the point"
                    + " (precision " + precision + ", scale " + scale + "), but " + value.toPlainString()
                    + " has " + (scaled.precision() - scale), OUT_OF_RANGE);
        }
        return scaled;
    }

    /**
     * A native fixed-point type ({@code ddlType} such as {@code NUMERIC(10,2)}), bound and read with
     * JDBC's BigDecimal methods after {@link #fit}. {@code column} names the column in refusals.
     */
    public static ValueType<BigDecimal> fixedPoint(String ddlType, int sqlType, int precision, int scale, String column) {
        return ValueType.of(BigDecimal.class, ddlType, sqlType, (ps, i, v) -> ps.setBigDecimal(i, v), ResultSet::getBigDecimal)
                .storing(v -> fit(v, precision, scale, column));
    }

    /**
     * An exact scaled integer: the value {@code v} is stored as the 64-bit integer v * 10^scale, for
     * databases without a fixed-point type (SQLite). SQL then compares, orders, adds and subtracts
     * such values exactly, as long as they have the same scale ({@link ValueType#storedScale()});
     * values come back at exactly that scale. {@code precision} is at most 18, so every value fits.
     */
    public static ValueType<BigDecimal> scaledInteger(String ddlType, int precision, int scale, String column) {
        if (precision > 18) {
            throw new IllegalArgumentException(column + ": precision " + precision + " does not fit a 64-bit integer;"
                    + " declare at most 18 digits");
        }
        return new DecimalType(ddlType, Types.BIGINT, scale, false) {
            @Override
            public BigDecimal stored(BigDecimal v) throws SQLDataException {
                return fit(v, precision, scale, column);
            }

            @Override
            void bindValue(PreparedStatement ps, int i, BigDecimal v) throws SQLException {
                ps.setLong(i, fit(v, precision, scale, column).unscaledValue().longValueExact());
            }

            /**
             * Checks the stored value is an integer: a table made before the column declared its scale
             * holds text or REALs, which getLong would silently truncate into another number.
             */
            @Override
            public BigDecimal read(ResultSet rs, int i) throws SQLException {
                Object stored = rs.getObject(i);
                if (stored == null) {
                    return null;
                }
                if (stored instanceof Long || stored instanceof Integer) {
                    return BigDecimal.valueOf(((Number) stored).longValue(), scale);
                }
                throw new SQLDataException(column + " holds " + stored + " (" + stored.getClass().getSimpleName()
                        + "), not the integer v * 10^" + scale + " that its declared scale stores: the table was made"
                        + " before the column declared its scale; convert its values (or undeclare the scale)",
                        OUT_OF_RANGE);
            }
        };
    }

    /**
     * Exact text in one canonical form per number (trailing zeros stripped, so {@code 10.50} is
     * stored as {@code 10.5}), for databases without a fixed-point type: SQL equality of stored
     * values is then numeric equality, but their order is text order, so the type is
     * {@link ValueType#equalityOnly() equality only}. Values come back with the canonical scale.
     */
    public static ValueType<BigDecimal> canonicalText(String ddlType) {
        return new DecimalType(ddlType, Types.VARCHAR, -1, true) {
            @Override
            public BigDecimal stored(BigDecimal v) {
                return new BigDecimal(canonical(v));
            }

            @Override
            void bindValue(PreparedStatement ps, int i, BigDecimal v) throws SQLException {
                ps.setString(i, canonical(v));
            }

            @Override
            public BigDecimal read(ResultSet rs, int i) throws SQLException {
                String s = rs.getString(i);
                return s == null ? null : new BigDecimal(s);
            }
        };
    }

    /**
     * The one text per number: trailing zeros stripped, written without exponent when that stays
     * short (so 1000 is {@code 1000}, not {@code 1E+3}), else as {@link BigDecimal#toString()}.
     */
    static String canonical(BigDecimal v) {
        if (v.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = v.stripTrailingZeros();
        return stripped.scale() < 0 && stripped.scale() >= -20 ? stripped.setScale(0).toPlainString() : stripped.toString();
    }

    /** The two stored forms above; they differ from plain value types only in how SQL may use them. */
    private abstract static class DecimalType implements ValueType<BigDecimal> {
        private final String ddlType;
        private final int sqlType;
        private final int storedScale;
        private final boolean equalityOnly;

        DecimalType(String ddlType, int sqlType, int storedScale, boolean equalityOnly) {
            this.ddlType = ddlType;
            this.sqlType = sqlType;
            this.storedScale = storedScale;
            this.equalityOnly = equalityOnly;
        }

        abstract void bindValue(PreparedStatement ps, int i, BigDecimal v) throws SQLException;

        @Override
        public Class<BigDecimal> javaType() {
            return BigDecimal.class;
        }

        @Override
        public String ddlType() {
            return ddlType;
        }

        @Override
        public void bind(PreparedStatement statement, int index, BigDecimal value) throws SQLException {
            if (value == null) {
                statement.setNull(index, sqlType);
            } else {
                bindValue(statement, index, value);
            }
        }

        @Override
        public int storedScale() {
            return storedScale;
        }

        @Override
        public boolean equalityOnly() {
            return equalityOnly;
        }

        @Override
        public String toString() {
            return "BigDecimal as " + ddlType;
        }
    }
}
