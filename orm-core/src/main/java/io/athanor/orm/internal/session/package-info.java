/**
 * The session and its parts: identity map, pending changes and the per-flush plan sorted by
 * dependency ({@code FlushPlan}, {@code FlushActions}, {@code RowOrder}), relationships
 * ({@code Relations}, {@code Cascades}, {@code RelationSync}, {@code TrackedCollection}),
 * lifecycle, loader, queries, bulk statements and their synchronization, the transaction with its
 * failure guard. Internal: may
 * change. Everything here belongs to one session and so to one thread.
 */
package io.athanor.orm.internal.session;
