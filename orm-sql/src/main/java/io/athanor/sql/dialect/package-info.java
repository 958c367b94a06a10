/**
 * The built-in dialects (SQLite, PostgreSQL, MariaDB, MySQL), registered through
 * {@code META-INF/services} exactly as a third party's. Their public hooks follow the SPI; their
 * internals may change. Dialects are immutable and thread-safe.
 */
package io.athanor.sql.dialect;
