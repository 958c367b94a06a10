package io.athanor.sql.spi;

/**
 * How far the database's comparison of a type's stored values agrees with Java's. The ORM's
 * evaluator computes criteria in Java only where the dialect vouches for the result.
 */
public enum Comparability {
    /** =, <>, <, <=, >, >= all agree with Java's natural order (code-point order for strings). */
    ORDERED,
    /** = and <> agree with Java's equals; ordering does not (e.g. a collation, or a text encoding). */
    EQUALITY_ONLY,
    /** Comparisons may disagree with Java (e.g. case-insensitive collations, decimals stored as text). */
    NONE
}
