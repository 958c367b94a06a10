package io.athanor.orm.internal.evaluator;

import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import io.athanor.sql.Table;
import io.athanor.sql.spi.Dialect;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates SQL expressions in Java over objects' in-memory values, the way the database would,
 * for synchronizing the session after a bulk UPDATE or DELETE (see docs/synchronize.md, "The Java
 * evaluator"). It follows SQL semantics, not Java's: three-valued logic, exact integer arithmetic,
 * string order by code point, values in the form the column stores them (the dialect's
 * {@link io.athanor.sql.spi.ValueType#stored storage rules}, the binder's too), and only what
 * {@link Dialect} vouches for. Whatever could
 * come out differently in the database is refused at compile time ({@link UnevaluableException})
 * or, when it depends on a row's values, reported for that row ({@link EvaluationException}); it
 * is never guessed.
 *
 * <p>Compilation builds a tree of closures once, so testing 100,000 objects does no per-row AST
 * dispatch. Thread-safe: it holds only the dialect; use one per dialect.
 */
public final class Evaluator {
    private final Dialect dialect;

    /** An evaluator for databases of {@code dialect}, whose comparability and arithmetic hooks it obeys. */
    public Evaluator(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * Compiles WHERE criteria over columns of {@code table}.
     *
     * @throws UnevaluableException naming the construct that cannot be evaluated in Java, and why
     */
    public CompiledCriteria criteria(Expression<Boolean> criteria, Table table) throws UnevaluableException {
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(table, "table");
        if (criteria.type() != Boolean.class) {
            throw new IllegalArgumentException("criteria must be Boolean, but " + criteria + " is "
                    + criteria.type().getSimpleName());
        }
        Compiler compiler = new Compiler(dialect, table);
        Node root = compile(compiler, criteria);
        Set<Column<?>> columns = Set.copyOf(compiler.columns());
        return new CompiledCriteria() {
            @Override
            public Boolean test(ValueSource row) {
                return (Boolean) root.eval(row);
            }

            @Override
            public Set<Column<?>> columns() {
                return columns;
            }

            @Override
            public String toString() {
                return "compiled " + criteria;
            }
        };
    }

    /**
     * Compiles a SET value expression (a literal, a column, arithmetic, concatenation...) over
     * columns of {@code table}.
     *
     * @throws UnevaluableException naming the construct that cannot be computed in Java, and why
     */
    public CompiledValue value(Expression<?> value, Table table) throws UnevaluableException {
        return value(value, table, null);
    }

    /**
     * As {@link #value(Expression, Table)}, for a value assigned to {@code target}: the result is in
     * the target column's stored form (a decimal at the column's scale, -0.0 as 0.0...), which is what
     * the database holds after the UPDATE.
     */
    public CompiledValue value(Expression<?> value, Table table, Column<?> target) throws UnevaluableException {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(table, "table");
        Compiler compiler = new Compiler(dialect, table);
        // what the column will hold: the dialect's stored form of the computed value (-0.0 as 0.0...)
        Node computed = compile(compiler, value);
        Node root = target != null && dialect.valueType(target) != null
                ? compiler.stored(computed, dialect.valueType(target), "the value of " + value + " for " + target)
                : compiler.stored(computed, value.type(), "the value of " + value);
        Set<Column<?>> columns = Set.copyOf(compiler.columns());
        return new CompiledValue() {
            @Override
            public Object compute(ValueSource row) {
                return root.eval(row);
            }

            @Override
            public Set<Column<?>> columns() {
                return columns;
            }

            @Override
            public String toString() {
                return "compiled " + value;
            }
        };
    }

    private static Node compile(Compiler compiler, Expression<?> e) throws UnevaluableException {
        try {
            return compiler.compile(e);
        } catch (Compiler.Refusal r) {
            throw r.unevaluable();
        }
    }

    @Override
    public String toString() {
        return "Evaluator(" + dialect.name() + ")";
    }
}
