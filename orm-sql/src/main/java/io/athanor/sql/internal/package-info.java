/**
 * The SQL layer's internals: the compiler ({@code SqlCompiler}, {@code ExpressionCompiler}),
 * DDL and table creation, JDBC failure translation, result cursors, dialect lookup. Not API: anything
 * here may change without notice; nothing outside orm-sql should use it. One compiler compiles one
 * statement on one thread.
 */
package io.athanor.sql.internal;
