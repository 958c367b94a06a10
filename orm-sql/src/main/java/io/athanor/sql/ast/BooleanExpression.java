package io.athanor.sql.ast;

import io.athanor.sql.Expression;

/** Base of the nodes whose value is a SQL boolean (TRUE, FALSE or NULL). */
abstract class BooleanExpression implements Expression<Boolean> {
    @Override
    public final Class<Boolean> type() {
        return Boolean.class;
    }
}
