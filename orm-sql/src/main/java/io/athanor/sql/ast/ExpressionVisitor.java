package io.athanor.sql.ast;

import io.athanor.sql.Column;

/**
 * Visits the nodes of an expression tree. The compiler renders them as SQL; the ORM's evaluator
 * computes them in Java. A new node type means a new method here, so both must decide what to do
 * with it rather than silently mis-handling it.
 *
 * @param <R> the result of visiting a node
 */
public interface ExpressionVisitor<R> {
    R visitColumn(Column<?> column);

    R visitLiteral(Literal<?> literal);

    R visitParam(Param<?> param);

    R visitComparison(Comparison comparison);

    R visitNullTest(NullTest test);

    R visitInList(InList in);

    R visitBetween(Between between);

    R visitLike(Like like);

    R visitArithmetic(Arithmetic<?> arithmetic);

    R visitConcat(Concat concat);

    R visitJunction(Junction junction);

    R visitNot(Not not);

    R visitFunction(FunctionCall<?> function);

    R visitCountAll(CountAll countAll);

    R visitAggregate(Aggregate<?> aggregate);

    R visitExists(Exists exists);

    R visitInSelect(InSelect in);

    R visitScalarSubquery(ScalarSubquery<?> subquery);

    R visitCaseWhen(CaseWhen<?> caseWhen);
}
