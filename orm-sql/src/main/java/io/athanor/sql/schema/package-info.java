/**
 * Reading what the database's catalog holds for a table and comparing it with a {@code Table}
 * ({@code SchemaReader}, {@code SchemaComparison}), and the migration script that closes the gap
 * ({@code MigrationScript}). Public and usable on its own; the ORM's {@code Schema} builds on it.
 * Stateless apart from {@code SchemaReader}, which uses the caller's connection on the caller's thread.
 */
package io.athanor.sql.schema;
