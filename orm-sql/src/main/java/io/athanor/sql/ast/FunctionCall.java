package io.athanor.sql.ast;

import io.athanor.sql.Expression;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A call of a SQL function by name. The name is an identifier, checked to be one, so it can never
 * carry SQL; the arguments are expressions (values among them are bound).
 *
 * @param <T> the function's result type, as the caller declares it
 */
public final class FunctionCall<T> implements Expression<T> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final String name;
    private final Class<T> type;
    private final List<Expression<?>> arguments;

    public FunctionCall(String name, Class<T> type, List<? extends Expression<?>> arguments) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a function name: " + name);
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.arguments = List.copyOf(arguments);
    }

    public String name() {
        return name;
    }

    public List<Expression<?>> arguments() {
        return arguments;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitFunction(this);
    }

    @Override
    public String toString() {
        return name + arguments.toString().replace('[', '(').replace(']', ')');
    }
}
