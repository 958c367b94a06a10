package io.athanor.orm.internal.evaluator;

import io.athanor.sql.spi.StorageRules;

/**
 * The {@link Order}s of the types the evaluator compares, matching SQL rather than Java. Dates and
 * times compare in time order: the range in which a dialect's stored values do (SQLite's text, years
 * 0000-9999) is the dialect's storage rule, which the compiler applies to every value first.
 */
final class Orders {
    private Orders() {
    }

    /**
     * The order for {@code type}, or null if the evaluator has none. {@code ordering} is true when an
     * ordering operator ({@code < <= > >=}, BETWEEN) uses it, false for equality only.
     */
    static Order of(Class<?> type, boolean ordering) {
        if (type == String.class) {
            return Orders::strings;
        }
        if (type == Double.class) {
            return Orders::doubles;
        }
        if (type == Integer.class || type == Long.class || type == Boolean.class) {
            return Orders::comparables;
        }
        if (Comparable.class.isAssignableFrom(type)) {
            // Comparable rather than equals so that e.g. 1.0 and 1.00 are equal decimals, as in SQL.
            return Orders::comparables;
        }
        return ordering ? null : (a, b) -> a.equals(b) ? 0 : 1;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int comparables(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    /** Numeric order, where 0.0 equals -0.0 (unlike Double.compare); NaN is never stored as such. */
    private static int doubles(Object a, Object b) {
        double x = (Double) a;
        double y = (Double) b;
        if (x < y) {
            return -1;
        }
        if (x > y) {
            return 1;
        }
        if (x == y) {
            return 0;
        }
        throw new EvaluationException("NaN is not compared in Java: databases store or order it differently");
    }

    /**
     * Unicode code point order, which is the byte order of UTF-8 (SQLite's BINARY collation) and of
     * UTF-32. String.compareTo compares UTF-16 units instead and puts supplementary characters
     * (surrogate pairs, U+D800..U+DFFF) before U+E000..U+FFFF; the fix-up at the first difference
     * below moves surrogates above them. Both strings are well-formed: the compiler checks literals
     * and column values for lone surrogates, and concatenation keeps strings well-formed.
     */
    static int strings(Object a, Object b) {
        String s = (String) a;
        String t = (String) b;
        int n = Math.min(s.length(), t.length());
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            char d = t.charAt(i);
            if (c != d) {
                return fixup(c) - fixup(d);
            }
        }
        return s.length() - t.length();
    }

    private static int fixup(char c) {
        if (c >= 0xE000) {
            return c - 0x800;
        }
        if (c >= 0xD800) {
            return c + 0x2000;
        }
        return c;
    }

    /**
     * A lone surrogate has no UTF-8 encoding: drivers replace it (sqlite-jdbc writes '?', as Java's
     * UTF-8 encoder does), so the stored text differs from the Java string and neither order nor
     * equality can be trusted.
     */
    static void checkWellFormed(String s) {
        int bad = loneSurrogate(s);
        if (bad >= 0) {
            throw new EvaluationException("a string with a lone surrogate (index " + bad
                    + ") is not evaluated in Java: it has no UTF-8 form, so the database holds other text");
        }
    }

    /** The index of the first lone surrogate in {@code s}, or -1 if it is well-formed UTF-16. */
    static int loneSurrogate(String s) {
        return StorageRules.loneSurrogate(s);
    }

    /** {@code s} with surrogates and control characters as Java unicode escapes, for messages. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
