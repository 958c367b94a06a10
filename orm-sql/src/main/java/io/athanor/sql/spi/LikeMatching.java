package io.athanor.sql.spi;

/**
 * How a database's {@code LIKE} compares the characters of a string with those of a pattern (the
 * wildcards are standard: {@code %} any characters, {@code _} one character, i.e. one code point).
 * The ORM's evaluator computes LIKE in Java only where the dialect states this.
 */
public enum LikeMatching {
    /** Each character matches only itself (PostgreSQL with a deterministic collation). */
    EXACT,
    /** ASCII letters match either case; every other character only itself (SQLite's default LIKE). */
    ASCII_CASE_INSENSITIVE,
    /** Not vouched for (collations that ignore case, accents or trailing spaces, as MariaDB's). */
    NONE
}
