/**
 * The expression tree: the nodes the compiler renders and the ORM's evaluator computes, and
 * {@code ExpressionVisitor}. Public so that dialects and evaluators can walk it; new node types may
 * be added (a visitor then gains a method). Nodes are immutable.
 */
package io.athanor.sql.ast;
