/**
 * {@code EntityPersister}: the row layout and the compiled statements that write and read one
 * entity's rows, shared by every session of a factory (thread-safe); {@code RowWriter}: the one
 * place rows are written (batches, keys back, row counts, violations naming the object), used by
 * the flush and by {@code bulkUpdate} (stateless). Internal: may change.
 */
package io.athanor.orm.internal.persistence;
