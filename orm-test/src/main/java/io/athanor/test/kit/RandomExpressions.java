package io.athanor.test.kit;

import io.athanor.sql.Column;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.Expression;
import io.athanor.sql.Sql;
import io.athanor.sql.Table;
import io.athanor.sql.ast.Arithmetic;
import io.athanor.sql.ast.ArithmeticOperator;
import io.athanor.sql.ast.Between;
import io.athanor.sql.ast.Comparison;
import io.athanor.sql.ast.ComparisonOperator;
import io.athanor.sql.ast.Concat;
import io.athanor.sql.ast.InList;
import io.athanor.sql.ast.Literal;
import io.athanor.sql.ast.NullTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random rows and random expressions over one table with a column (or two) of each type the
 * evaluator handles, leaning hard on NULLs and boundary values. Deterministic for a given Random
 * and boundary pools. The pools start as {@link #boundaryValues()}; {@link EvaluatorSuite} keeps
 * only those the target database stores, so rows and literals are values the dialect can hold.
 */
public final class RandomExpressions {
    /** The table: an id and one or two columns of each evaluated type. */
    public static final Table T = Table.builder("kit_eval")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY)
            .column("i", Integer.class).column("i2", Integer.class)
            .column("l", Long.class).column("l2", Long.class)
            .column("d", Double.class).column("d2", Double.class)
            .column("s", String.class).column("s2", String.class)
            .column("b", Boolean.class)
            .column("dt", LocalDate.class).column("dt2", LocalDate.class)
            .decimal("m", 12, 2).decimal("m2", 12, 2)
            .column("ts", LocalDateTime.class).column("ts2", LocalDateTime.class)
            .column("at", Instant.class).column("at2", Instant.class)
            .build();
    /** The key column. */
    public static final Column<Long> ID = T.column("id", Long.class);

    /** The types the generator draws operands from. */
    public static final List<Class<?>> TYPES = List.of(Integer.class, Long.class, Double.class, String.class,
            Boolean.class, LocalDate.class, BigDecimal.class, LocalDateTime.class, Instant.class);

    private static final Integer[] INTS = {0, -1, 1, 2, -2, 3, -3, 7, -7, 10, Integer.MIN_VALUE, Integer.MAX_VALUE,
        Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1, 46341, -46341, 65536};
    private static final Long[] LONGS = {0L, -1L, 1L, 2L, -2L, 3L, -7L, 7L, Long.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, 2147483648L, -2147483649L, 3037000500L, -3037000500L,
        1L << 53, (1L << 53) + 1, 4294967296L};
    private static final Double[] DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 3.0, 0.1, 1e300, -1e300,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e-300, 9.223372036854775807E18, -9.223372036854775808E18,
        1e19, 123456789.125, 9007199254740993.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e154};
    private static final String[] STRINGS = {"", "a", "A", "b", "B", "abc", "ABC", "Abc", "aBC", "\uFFFF",
        "\uD83D\uDE00", "\uE000", "\uD7FF", "a\uD83D\uDE00", "a\uFFFF", "\u00e9", "\u00c9", "z", "Z", "0", "10", "9",
        " ", "a ", "\uD800\uDC00", "\uDBFF\uDFFF", "a\u0000b", "a\u0000", "x\uD800", "x\uDC00y"};
    private static final String ALPHABET = "abAB\u00e9 0\uFFFF\uE000\uD83D\uDE00\u007f\u0080";
    private static final LocalDate[] DATES = {LocalDate.of(2024, 1, 1), LocalDate.of(0, 1, 1),
        LocalDate.of(9999, 12, 31), LocalDate.of(1970, 1, 1), LocalDate.of(2000, 2, 29), LocalDate.of(1999, 12, 31),
        LocalDate.of(10000, 1, 1), LocalDate.of(-1, 12, 31), LocalDate.of(999, 5, 5), LocalDate.of(1000, 1, 1)};

    /** Decimals for columns of scale 2; the last has three places, which every dialect refuses. */
    private static final BigDecimal[] DECIMALS = {BigDecimal.ZERO, new BigDecimal("0.01"), new BigDecimal("-0.01"),
        new BigDecimal("9999999999.99"), new BigDecimal("-9999999999.99"), new BigDecimal("100.5"),
        new BigDecimal("20.5"), new BigDecimal("10.50"), new BigDecimal("1E+3"), new BigDecimal("1.005")};
    /**
     * Date-times around one microsecond apart, with and without sub-microsecond parts (the servers
     * keep microseconds, truncated toward the past), and the ends of the dialects' ranges.
     */
    private static final LocalDateTime[] DATE_TIMES = {LocalDateTime.of(2026, 1, 1, 0, 0),
        LocalDateTime.of(2026, 1, 1, 0, 0, 0, 999), LocalDateTime.of(2026, 1, 1, 0, 0, 0, 1_000),
        LocalDateTime.of(2026, 1, 1, 0, 0, 0, 1_001), LocalDateTime.of(2026, 1, 1, 0, 0, 0, 1_999),
        LocalDateTime.of(2025, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_500),
        LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(999, 12, 31, 23, 59, 59, 999_999_999),
        LocalDateTime.of(1000, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999),
        LocalDateTime.of(10000, 1, 1, 0, 0), LocalDateTime.of(-4712, 1, 1, 0, 0), LocalDateTime.of(-4713, 12, 31, 0, 0)};
    private static final LocalDateTime BASE = LocalDateTime.of(2026, 1, 1, 0, 0);
    /** Pattern characters: letters of both cases, one beyond ASCII, wildcards; escapes are added per pattern. */
    private static final String PATTERN_ALPHABET = "abAB\u00e9\u00c9 0%_";

    private final Random random;
    private final Map<Class<?>, List<Object>> pools;

    /**
     * @param random the source of randomness
     * @param pools the boundary values to draw from, per type of {@link #TYPES} (see {@link #boundaryValues()})
     */
    public RandomExpressions(Random random, Map<Class<?>, List<Object>> pools) {
        this.random = random;
        this.pools = pools;
    }

    /** Every boundary value, per type: NULL-free extremes, signs, surrogates, years 0 and 10000. */
    public static Map<Class<?>, List<Object>> boundaryValues() {
        Map<Class<?>, List<Object>> m = new LinkedHashMap<>();
        m.put(Integer.class, List.of((Object[]) INTS));
        m.put(Long.class, List.of((Object[]) LONGS));
        m.put(Double.class, List.of((Object[]) DOUBLES));
        m.put(String.class, List.of((Object[]) STRINGS));
        m.put(LocalDate.class, List.of((Object[]) DATES));
        m.put(BigDecimal.class, List.of((Object[]) DECIMALS));
        m.put(LocalDateTime.class, List.of((Object[]) DATE_TIMES));
        List<Object> instants = new ArrayList<>();
        for (LocalDateTime t : DATE_TIMES) {
            instants.add(t.toInstant(ZoneOffset.UTC));
        }
        instants.add(Instant.EPOCH.minusNanos(1));
        m.put(Instant.class, instants);
        return m;
    }

    private Object boundary(Class<?> type) {
        List<Object> pool = pools.get(type);
        return pool.get(random.nextInt(pool.size()));
    }

    // --- rows -------------------------------------------------------------------------------------

    public Map<Column<?>, Object> row(long id) {
        Map<Column<?>, Object> row = new LinkedHashMap<>();
        row.put(ID, id);
        for (Column<?> c : T.columns()) {
            if (c != ID) {
                row.put(c, random.nextInt(5) == 0 ? null : value(c.type()));
            }
        }
        return row;
    }

    /** A non-null value: a boundary value more often than not. */
    public Object value(Class<?> type) {
        boolean boundary = random.nextInt(10) < 6;
        if (type == Integer.class) {
            return boundary ? boundary(type) : random.nextInt(2001) - 1000;
        }
        if (type == Long.class) {
            return boundary ? boundary(type) : random.nextLong() >> random.nextInt(64);
        }
        if (type == Double.class) {
            return boundary ? boundary(type) : Math.round(random.nextGaussian() * 1000) / 8.0;
        }
        if (type == String.class) {
            if (boundary) {
                return boundary(type);
            }
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(5); n > 0; n--) {
                int at = random.nextInt(ALPHABET.length());
                char c = ALPHABET.charAt(at);
                sb.append(c);
                if (Character.isHighSurrogate(c)) {
                    sb.append(ALPHABET.charAt(at + 1));
                } else if (Character.isLowSurrogate(c)) {
                    sb.setLength(sb.length() - 1);
                }
            }
            return sb.toString();
        }
        if (type == Boolean.class) {
            return random.nextBoolean();
        }
        if (type == BigDecimal.class) {
            return boundary ? boundary(type) : BigDecimal.valueOf(random.nextInt(200_001) - 100_000, random.nextInt(3));
        }
        if (type == LocalDateTime.class || type == Instant.class) {
            // a few microseconds around one instant, to nanoseconds: many values equal after truncation
            if (boundary) {
                return boundary(type);
            }
            LocalDateTime t = BASE.plusNanos(random.nextInt(4_000));
            return type == Instant.class ? t.toInstant(ZoneOffset.UTC) : t;
        }
        return boundary ? boundary(type) : LocalDate.of(1900, 1, 1).plusDays(random.nextInt(80000));
    }

    // --- criteria ---------------------------------------------------------------------------------

    public Expression<Boolean> criteria(int depth) {
        int k = random.nextInt(depth > 0 ? 10 : 6);
        switch (k) {
            case 0, 1, 2:
                return comparison(depth);
            case 3:
                return new NullTest(operand(type(), depth), random.nextBoolean());
            case 4:
                return random.nextBoolean() ? in(depth) : between(depth);
            case 5: {
                int r = random.nextInt(3);
                return r == 0 ? column(Boolean.class) : r == 1 ? like() : comparison(depth);
            }
            case 6, 7: {
                List<Expression<Boolean>> parts = new ArrayList<>();
                for (int n = 2 + random.nextInt(2); n > 0; n--) {
                    parts.add(criteria(depth - 1));
                }
                return k == 6 ? Sql.and(parts.toArray(Expression[]::new)) : Sql.or(parts.toArray(Expression[]::new));
            }
            default:
                return Sql.not(criteria(depth - 1));
        }
    }

    private Expression<Boolean> comparison(int depth) {
        Class<?> type = type();
        ComparisonOperator op = pick(ComparisonOperator.values());
        return new Comparison(operand(type, depth), op, operand(type, depth));
    }

    /** LIKE with wildcards, both cases, escapes, and startsWith/endsWith/contains of user-like input. */
    @SuppressWarnings("unchecked")
    private Expression<Boolean> like() {
        Expression<String> operand = random.nextInt(4) == 0 ? (Expression<String>) computed(String.class, 0)
                : column(String.class);
        switch (random.nextInt(6)) {
            case 0:
                return operand.startsWith(likeInput());
            case 1:
                return operand.endsWith(likeInput());
            case 2:
                return operand.contains(likeInput());
            case 3:
                return operand.like(pattern(null), '\\');
            case 4:
                return operand.like(pattern('!'), '!');
            default:
                return operand.like(pattern(null));
        }
    }

    /** User input for startsWith and friends: a stored value (or a piece of one) with wildcards and backslashes. */
    private String likeInput() {
        String v = (String) value(String.class);
        if (random.nextBoolean() && !v.isEmpty()) {
            int from = random.nextInt(v.length());
            if (Character.isLowSurrogate(v.charAt(from))) {
                from--;
            }
            v = v.substring(from);
        }
        return random.nextInt(3) == 0 ? v + pick("%", "_", "\\", "a%_") : v;
    }

    /** A LIKE pattern; with {@code escape}, escaped wildcards and escaped escapes appear too. */
    private String pattern(Character escape) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(5); n > 0; n--) {
            if (escape != null && random.nextInt(5) == 0) {
                sb.append(escape.charValue()).append(pick("%", "_", String.valueOf(escape.charValue())));
            } else {
                sb.append(PATTERN_ALPHABET.charAt(random.nextInt(PATTERN_ALPHABET.length())));
            }
        }
        return sb.toString();
    }

    private Expression<Boolean> in(int depth) {
        Class<?> type = type();
        List<Expression<?>> items = new ArrayList<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            items.add(random.nextInt(4) == 0 ? Literal.of(raw(type), null)
                    : random.nextInt(4) == 0 ? operand(type, 0) : literal(type));
        }
        return new InList(operand(type, depth), items);
    }

    private Expression<Boolean> between(int depth) {
        Class<?> type = type();
        return new Between(operand(type, depth), random.nextBoolean() ? literal(type) : operand(type, 0),
                random.nextBoolean() ? literal(type) : operand(type, 0));
    }

    // --- operands and values ----------------------------------------------------------------------

    /** An expression of {@code type}: a column, a literal, or (for numbers and strings) a computation. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Expression<?> operand(Class<?> type, int depth) {
        int k = random.nextInt(10);
        if (type == Boolean.class && depth > 0 && k < 3) {
            return criteria(depth - 1);
        }
        if (k < 4) {
            return column(type);
        }
        if (k < 6) {
            return random.nextInt(12) == 0 ? Literal.of(raw(type), null) : literal(type);
        }
        return computed(type, depth);
    }

    /** A SET-style value expression of {@code type}: mostly computations over the row. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Expression<?> computed(Class<?> type, int depth) {
        if (type == Integer.class || type == Long.class || type == Double.class) {
            ArithmeticOperator op = pick(ArithmeticOperator.values());
            if (op == ArithmeticOperator.MOD && type == Double.class) {
                op = ArithmeticOperator.DIVIDE;
            }
            Expression left = depth > 0 && random.nextInt(3) == 0 ? computed(type, depth - 1) : column(type);
            Expression right = random.nextInt(3) == 0 ? column(type) : smallOrBoundary(type);
            if (random.nextInt(4) == 0) {
                Expression swap = left;
                left = right;
                right = swap;
            }
            return new Arithmetic(left, op, right);
        }
        if (type == String.class) {
            Expression<String> left = random.nextBoolean() ? column(String.class) : (Expression<String>) literal(type);
            Expression<String> right = random.nextInt(3) == 0 && depth > 0 ? (Expression<String>) computed(type, depth - 1)
                    : random.nextBoolean() ? column(String.class) : (Expression<String>) literal(type);
            return new Concat(left, right);
        }
        return random.nextBoolean() ? column(type) : literal(type);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Expression<?> smallOrBoundary(Class<?> type) {
        if (random.nextInt(3) > 0) {
            int small = random.nextInt(9) - 4; // includes 0, so division by zero is common
            Object v = type == Integer.class ? (Object) small : type == Long.class ? (Object) (long) small
                    : (Object) (double) small;
            return Literal.of((Class) type, v);
        }
        return literal(type);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Expression<?> literal(Class<?> type) {
        return Literal.of((Class) type, value(type));
    }

    @SuppressWarnings("unchecked")
    <X> Column<X> column(Class<X> type) {
        String name = type == Integer.class ? "i" : type == Long.class ? "l" : type == Double.class ? "d"
                : type == String.class ? "s" : type == Boolean.class ? "b" : type == BigDecimal.class ? "m"
                : type == LocalDateTime.class ? "ts" : type == Instant.class ? "at" : "dt";
        if (type != Boolean.class && random.nextInt(3) == 0) {
            name += "2";
        }
        return T.column(name, type);
    }

    Class<?> type() {
        return TYPES.get(random.nextInt(TYPES.size()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class raw(Class<?> type) {
        return type;
    }

    @SafeVarargs
    private <X> X pick(X... values) {
        return values[random.nextInt(values.length)];
    }
}
