package io.athanor.orm.internal.evaluator;

import io.athanor.sql.ast.Like;
import io.athanor.sql.spi.LikeMatching;

/**
 * SQL LIKE in Java, for the dialects that state how their LIKE compares characters
 * ({@link LikeMatching}). {@code %} matches any run of characters and {@code _} exactly one code
 * point (a surrogate pair is one character, as in UTF-8 databases). What a database could answer
 * otherwise is unknown for that row ({@link EvaluationException}), never guessed: a pattern with a
 * backslash and no ESCAPE clause (PostgreSQL and MariaDB take the backslash as a default escape,
 * SQLite does not), an escape followed by anything but {@code %}, {@code _} or itself, or ending the
 * pattern, and strings holding U+0000 (SQLite's LIKE stops there).
 */
final class Patterns {
    /** SQLite refuses patterns longer than 50,000 bytes; a shorter limit in chars is safe for UTF-8. */
    private static final int LONGEST_PATTERN = 16_000;
    /** A code point standing for {@code %} or {@code _} in a parsed pattern: below any real code point. */
    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    private Patterns() {
    }

    static Node like(Like like, Node operand, Node pattern, LikeMatching matching) {
        Character escape = like.escape();
        boolean foldAscii = matching == LikeMatching.ASCII_CASE_INSENSITIVE;
        return row -> {
            Object s = operand.eval(row);
            if (s == null) {
                return null;
            }
            Object p = pattern.eval(row);
            if (p == null) {
                return null;
            }
            int[] parsed = parse(like, (String) p, escape);
            String text = (String) s;
            if (text.indexOf('\0') >= 0) {
                throw new EvaluationException(like + " is not computed for a string holding U+0000: SQLite's LIKE stops"
                        + " at it");
            }
            return matches(text.codePoints().toArray(), parsed, foldAscii);
        };
    }

    /** The pattern's code points, with {@link #ANY_RUN} and {@link #ANY_ONE} for the unescaped wildcards. */
    private static int[] parse(Like like, String p, Character escape) {
        if (p.length() > LONGEST_PATTERN || p.indexOf('\0') >= 0) {
            throw new EvaluationException(like + " is not computed for a pattern of " + p.length()
                    + " characters or one holding U+0000");
        }
        if (escape == null && p.indexOf('\\') >= 0) {
            throw new EvaluationException(like + " has a backslash in its pattern and no ESCAPE clause: some databases"
                    + " take it as an escape, others literally");
        }
        int[] cps = p.codePoints().toArray();
        int[] out = new int[cps.length];
        int n = 0;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (escape != null && c == escape) {
                if (i + 1 == cps.length || cps[i + 1] != '%' && cps[i + 1] != '_' && cps[i + 1] != escape) {
                    throw new EvaluationException(like + ": the escape character must be followed by %, _ or itself"
                            + " in " + p + " (databases differ otherwise)");
                }
                out[n++] = cps[++i];
            } else {
                out[n++] = c == '%' ? ANY_RUN : c == '_' ? ANY_ONE : c;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Wildcard matching with backtracking to the last {@code %}: linear in practice, O(n*m) at worst. */
    private static boolean matches(int[] s, int[] p, boolean foldAscii) {
        int si = 0;
        int pi = 0;
        int starP = -1;
        int starS = 0;
        while (si < s.length) {
            if (pi < p.length && p[pi] != ANY_RUN && (p[pi] == ANY_ONE || same(s[si], p[pi], foldAscii))) {
                si++;
                pi++;
            } else if (pi < p.length && p[pi] == ANY_RUN) {
                starP = pi++;
                starS = si;
            } else if (starP >= 0) {
                pi = starP + 1;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == ANY_RUN) {
            pi++;
        }
        return pi == p.length;
    }

    private static boolean same(int c, int d, boolean foldAscii) {
        return c == d || foldAscii && c < 128 && d < 128 && Character.isLetter(c) && (c ^ 0x20) == d;
    }
}
