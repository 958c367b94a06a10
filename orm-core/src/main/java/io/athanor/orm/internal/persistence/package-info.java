/**
 * {@code EntityPersister}: the compiled statements that write and read one entity's rows, shared by
 * every session of a factory (thread-safe). Internal: may change.
 */
package io.athanor.orm.internal.persistence;
