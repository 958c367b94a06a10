/**
 * The Java evaluator of SQL criteria and SET values, with SQL semantics and the dialect's stored
 * forms; what it cannot vouch for it refuses. Internal: may change. Compiled criteria are immutable.
 */
package io.athanor.orm.internal.evaluator;
