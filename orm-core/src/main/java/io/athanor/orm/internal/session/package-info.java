/**
 * The session and its parts: identity map, unit of work, lifecycle, loader, queries, bulk
 * statements and their synchronization, the transaction with its failure guard. Internal: may
 * change. Everything here belongs to one session and so to one thread.
 */
package io.athanor.orm.internal.session;
