/**
 * The SQL layer's public API: tables and columns, typed expressions, the SELECT, INSERT, UPDATE
 * and DELETE statements, {@code Database} (a pool and a dialect) and {@code Transaction}, and the
 * exceptions a statement raises. Stable: user code is written against these names.
 * <p>Statements, tables and expressions are immutable and thread-safe; a {@code Database} is
 * thread-safe; a {@code Transaction} belongs to one thread.
 */
package io.athanor.sql;
