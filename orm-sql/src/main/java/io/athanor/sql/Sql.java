package io.athanor.sql;

import io.athanor.sql.ast.Aggregate;
import io.athanor.sql.ast.CaseWhen;
import io.athanor.sql.ast.CountAll;
import io.athanor.sql.ast.Exists;
import io.athanor.sql.ast.ScalarSubquery;
import java.math.BigDecimal;
import io.athanor.sql.ast.FunctionCall;
import io.athanor.sql.ast.Junction;
import io.athanor.sql.ast.Literal;
import io.athanor.sql.ast.Not;
import io.athanor.sql.ast.Param;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Entry points of the SQL layer: statements, boolean combinators, functions and values. */
public final class Sql {
    private Sql() {
    }

    /** {@code SELECT expressions}; follow with {@code from(table)}. No expressions selects every column. */
    public static Select select(Expression<?>... expressions) {
        return new Select(List.of(expressions), null, null, List.of(), null, null);
    }

    public static Insert insertInto(Table table) {
        return new Insert(Objects.requireNonNull(table, "table"), Map.of(), List.of());
    }

    public static Update update(Table table) {
        return new Update(Objects.requireNonNull(table, "table"), Map.of(), null, List.of());
    }

    public static Delete deleteFrom(Table table) {
        return new Delete(Objects.requireNonNull(table, "table"), null, List.of());
    }

    public static Expression<Boolean> not(Expression<Boolean> e) {
        return new Not(e);
    }

    @SafeVarargs
    public static Expression<Boolean> and(Expression<Boolean>... operands) {
        return Junction.and(List.of(operands));
    }

    @SafeVarargs
    public static Expression<Boolean> or(Expression<Boolean>... operands) {
        return Junction.or(List.of(operands));
    }

    /**
     * A call of any SQL function, e.g. {@code Sql.function("upper", String.class, name)}. The name must
     * be a plain identifier; the result type is what the caller declares.
     */
    public static <T> Expression<T> function(String name, Class<T> type, Expression<?>... args) {
        return new FunctionCall<>(name, type, List.of(args));
    }

    /** {@code COUNT(*)}. */
    public static Expression<Long> count() {
        return CountAll.INSTANCE;
    }

    /** {@code COUNT(e)}: the rows (of the group) where {@code e} is not NULL; 0 over no rows. */
    public static Expression<Long> count(Expression<?> e) {
        return Aggregate.count(e);
    }

    /**
     * {@code SUM(e)} of integers ({@code Short}, {@code Integer}, {@code Long}) as a {@code Long}, on
     * every dialect; NULL over no rows. A sum beyond {@code Long}'s range fails the statement rather
     * than wrap. For other types see {@link #sumDecimal} and {@link #sumDouble}.
     */
    public static Expression<Long> sum(Expression<? extends Number> e) {
        return Aggregate.sumIntegers(e);
    }

    /** {@code SUM(e)} of decimals as a {@code BigDecimal}, exact; NULL over no rows. */
    public static Expression<BigDecimal> sumDecimal(Expression<BigDecimal> e) {
        return Aggregate.sumDecimals(e);
    }

    /** {@code SUM(e)} of {@code Double} or {@code Float} values as a {@code Double}; NULL over no rows. */
    public static Expression<Double> sumDouble(Expression<? extends Number> e) {
        return Aggregate.sumDoubles(e);
    }

    /**
     * {@code AVG(e)} of integers or floating point values as a {@code Double}, computed in double
     * precision on every dialect (the argument is cast to the dialect's double type, since PostgreSQL
     * and MariaDB would otherwise average integers as decimals rounded to their own scales); NULL
     * over no rows. Refused for {@code BigDecimal}: select {@link #sumDecimal} and {@link #count(Expression)}.
     */
    public static Expression<Double> avg(Expression<? extends Number> e) {
        return Aggregate.avg(e);
    }

    /** {@code MIN(e)}, of {@code e}'s type; NULL over no rows. */
    public static <T> Expression<T> min(Expression<T> e) {
        return Aggregate.extreme(false, e);
    }

    /** {@code MAX(e)}, of {@code e}'s type; NULL over no rows. */
    public static <T> Expression<T> max(Expression<T> e) {
        return Aggregate.extreme(true, e);
    }

    /**
     * {@code EXISTS (subquery)}. The subquery may refer to columns of the statements it is nested in
     * (a correlated subquery).
     */
    public static Expression<Boolean> exists(Select subquery) {
        return new Exists(subquery);
    }

    /**
     * {@code (subquery)} as a value: the subquery selects one expression and returns at most one row
     * (the database fails the statement when it returns more); no row gives NULL. It may refer to
     * columns of the statements it is nested in (a correlated subquery). {@code type} is the type of
     * the selected expression, checked.
     */
    public static <T> Expression<T> scalar(Select subquery, Class<T> type) {
        return new ScalarSubquery<>(subquery, type);
    }

    /**
     * {@code CASE WHEN condition THEN value ... END}; add branches with {@code when} and a default
     * with {@code otherwise} (without one, no matching branch gives NULL).
     */
    public static <T> CaseWhen<T> caseWhen(Expression<Boolean> condition, Expression<T> value) {
        return CaseWhen.of(condition, value);
    }

    /** A bound value of the given type, for comparing or computing with expressions. */
    public static <T> Expression<T> value(Class<T> type, T value) {
        return Literal.of(type, value);
    }

    /** The escape character of {@link #escapeLike}: a backslash. */
    public static final char LIKE_ESCAPE = '\\';

    /**
     * {@code text} with {@code %}, {@code _} and the backslash each preceded by a backslash, so that
     * {@code col.like(Sql.escapeLike(userInput) + "%", '\\')} matches the input literally on every
     * dialect (the escape is bound with the statement, never written into its text).
     */
    public static String escapeLike(String text) {
        Objects.requireNonNull(text, "text to escape for LIKE");
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                sb.append(LIKE_ESCAPE);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A placeholder filled from slot {@code slot} of each row of values given to a batch. */
    public static <T> Expression<T> param(int slot, Class<T> type) {
        return new Param<>(slot, type);
    }
}
