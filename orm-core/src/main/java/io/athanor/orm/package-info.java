/**
 * The ORM's public API: {@code SessionFactory} (thread-safe), {@code Session} and {@code Query}
 * (one thread each: a second thread is refused), {@code Synchronize}, {@code ObjectState},
 * {@code Schema} and the exceptions. Stable: user code is written against these names.
 */
package io.athanor.orm;
