package io.athanor.sql.spi;

import java.sql.SQLDataException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The {@link Storage} rules dialects state as data: the range and precision of date-time columns,
 * which non-finite doubles and which sign of zero a column keeps, and well-formed text. Refusals are
 * {@link SQLDataException}s with an SQLState of class 22 whose message names the value and what the
 * column holds; {@link io.athanor.sql.CompiledSql} adds the column (or parameter) it was bound for.
 */
public final class StorageRules {
    /** SQLSTATE 22003: numeric value out of range. */
    public static final String NUMERIC_OUT_OF_RANGE = "22003";
    /** SQLSTATE 22008: datetime field overflow. */
    public static final String DATETIME_OUT_OF_RANGE = "22008";
    /** SQLSTATE 22021: character not in repertoire. */
    public static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

    private StorageRules() {
    }

    /**
     * Refuses a string with a lone surrogate (a UTF-16 unit U+D800..U+DFFF without its pair): it has
     * no UTF-8 form, so drivers replace it ({@code '?'}) or the server drops it, and the column would
     * hold other text. Every built-in string type applies it.
     */
    public static Storage<String> wellFormedText() {
        return s -> {
            int bad = loneSurrogate(s);
            if (bad >= 0) {
                throw new SQLDataException("the string " + show(s) + " has a lone surrogate at index " + bad
                        + ", which has no UTF-8 form: the database would hold other text", CHARACTER_NOT_IN_REPERTOIRE);
            }
            return s;
        };
    }

    /** The index of the first lone surrogate in {@code s}, or -1 if it is well-formed UTF-16. */
    public static int loneSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Doubles as a column of {@code what} (e.g. {@code "MariaDB DOUBLE"}) holds them.
     *
     * @param nan whether NaN is stored as NaN (else refused)
     * @param infinities whether the infinities are stored as such (else refused)
     * @param negativeZero whether {@code -0.0} keeps its sign (else it is stored, and so computed, as {@code 0.0})
     */
    public static Storage<Double> doubles(String what, boolean nan, boolean infinities, boolean negativeZero) {
        return d -> {
            if (d.isNaN() && !nan || d.isInfinite() && !infinities) {
                throw new SQLDataException("the value " + d + " cannot be stored: " + what + " has no "
                        + (d.isNaN() ? "NaN" : "infinities"), NUMERIC_OUT_OF_RANGE);
            }
            return !negativeZero && d == 0.0 ? 0.0 : d;
        };
    }

    /** Dates from {@code min} to {@code max}, as a column of {@code what} holds them. */
    public static Storage<LocalDate> localDates(String what, LocalDate min, LocalDate max) {
        return d -> inRange(d, d, min, max, what);
    }

    /** Date-times from {@code min} to {@code max}, truncated toward the past to {@code precision}. */
    public static Storage<LocalDateTime> localDateTimes(String what, LocalDateTime min, LocalDateTime max,
            ChronoUnit precision) {
        return t -> inRange(t, t.truncatedTo(precision), min, max, what);
    }

    /** Instants from {@code min} to {@code max}, truncated toward the past to {@code precision}. */
    public static Storage<Instant> instants(String what, Instant min, Instant max, ChronoUnit precision) {
        return t -> inRange(t, t.truncatedTo(precision), min, max, what);
    }

    private static <T extends Comparable<? super T>> T inRange(T given, T v, T min, T max, String what)
            throws SQLDataException {
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new SQLDataException("the value " + given + " is out of range: " + what + " holds " + min + " to " + max,
                    DATETIME_OUT_OF_RANGE);
        }
        return v;
    }

    /**
     * {@code s} quoted, with surrogates and control characters as Java unicode escapes, and cut after
     * 60 characters, for messages.
     */
    public static String show(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 60) + 8).append('\'');
        for (int i = 0; i < s.length(); i++) {
            if (i == 60) {
                return sb.append("...' (").append(s.length()).append(" chars)").toString();
            }
            char c = s.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
