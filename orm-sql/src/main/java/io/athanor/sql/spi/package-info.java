/**
 * The dialect SPI: {@code Dialect} (mostly data: value types, RETURNING support, quoting, and a
 * few rendering and failure-classification hooks), {@code BaseDialect} to extend, {@code ValueType}
 * and the helpers dialects share. Stable for dialect authors; new hooks come as default methods.
 * Implementations must be immutable and thread-safe.
 */
package io.athanor.sql.spi;
