package io.athanor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JMH JSON result ({@code -rf json}) and prints, per workload and N, the ORM median, the
 * JDBC floor median from the same run, their ratio and the target. Usage:
 * {@code java -cp orm-bench/target/benchmarks.jar io.athanor.bench.Report result.json}.
 */
public final class Report {
    /** Workload, ORM method, floor method, target ratio (0: no target, shown for information). */
    private static final String[][] ROWS = {
        {"W1IterateUpdate", "orm", "jdbc", "1.5"},
        {"W2BulkUpdate", "orm", "jdbc", "1.05"},
        {"W3BulkUpdateLoaded", "ormEvaluate", "jdbc", "1.3"},
        {"W3BulkUpdateLoaded", "ormFetch", "jdbc", "1.6"},
        {"W4LoadAll", "orm", "jdbc", "1.5"},
        {"W5Insert", "orm", "jdbcKeys", "1.5"},
        {"W5Insert", "orm", "jdbcBatch", "0"},
        {"W6ChangeSome", "orm", "jdbc", "1.5"},
        {"W7GraphLoad", "ormOrdersWithCustomer", "jdbc", "1.5"},
        {"W7GraphLoad", "ormCustomersWithOrders", "jdbc", "1.5"},
        {"W8GraphInsert", "orm", "jdbcKeys", "1.5"},
        {"W9BulkDeleteGraph", "ormEvaluate", "jdbc", "1.3"},
        {"W9BulkDeleteGraph", "ormFetch", "jdbc", "1.6"},
    };

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report <jmh-result.json>");
            System.exit(2);
        }
        Object json = new Json(Files.readString(Path.of(args[0]))).value();
        // benchmark "Class.method" -> N -> [median, alloc bytes/op or NaN]
        Map<String, Map<Integer, double[]>> results = new LinkedHashMap<>();
        for (Object o : (List<?>) json) {
            Map<?, ?> run = (Map<?, ?>) o;
            String name = (String) run.get("benchmark");
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Map<?, ?> params = (Map<?, ?>) run.get("params");
            int n = Integer.parseInt((String) params.get("N"));
            Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
            double median = ((Number) ((Map<?, ?>) primary.get("scorePercentiles")).get("50.0")).doubleValue();
            double alloc = Double.NaN;
            Object secondary = run.get("secondaryMetrics");
            if (secondary instanceof Map<?, ?> sm) {
                for (Map.Entry<?, ?> e : sm.entrySet()) {
                    if (e.getKey().toString().endsWith("gc.alloc.rate.norm")) {
                        alloc = ((Number) ((Map<?, ?>) e.getValue()).get("score")).doubleValue();
                    }
                }
            }
            results.computeIfAbsent(name, k -> new TreeMap<>()).put(n, new double[] {median, alloc});
        }
        System.out.println("| workload | N | ORM median (ms) | JDBC floor | JDBC median (ms) | ratio | target | met |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|---|");
        for (String[] row : ROWS) {
            Map<Integer, double[]> orm = results.get(row[0] + "." + row[1]);
            Map<Integer, double[]> floor = results.get(row[0] + "." + row[2]);
            if (orm == null || floor == null) {
                continue;
            }
            double target = Double.parseDouble(row[3]);
            for (Map.Entry<Integer, double[]> e : orm.entrySet()) {
                double[] f = floor.get(e.getKey());
                if (f == null) {
                    continue;
                }
                double ratio = e.getValue()[0] / f[0];
                System.out.printf(Locale.ROOT, "| %s.%s | %,d | %.1f | %s | %.1f | %.2f | %s | %s |%n", row[0], row[1], e.getKey(),
                        e.getValue()[0], row[2], f[0], ratio, target > 0 ? "<= " + row[3] : "-",
                        target > 0 ? (ratio <= target ? "yes" : "**no**") : "-");
            }
        }
        Map<Integer, double[]> w1 = results.get("W1IterateUpdate.orm");
        Map<Integer, double[]> w2 = results.get("W2BulkUpdate.orm");
        Map<Integer, double[]> w1j = results.get("W1IterateUpdate.jdbc");
        Map<Integer, double[]> w2j = results.get("W2BulkUpdate.jdbc");
        if (w1 != null && w2 != null) {
            System.out.println();
            System.out.println("| N | W1/W2, ORM | W1/W2, JDBC |");
            System.out.println("|---:|---:|---:|");
            for (Integer n : w1.keySet()) {
                if (w2.containsKey(n)) {
                    System.out.printf(Locale.ROOT, "| %,d | %.1f | %s |%n", n, w1.get(n)[0] / w2.get(n)[0],
                            w1j != null && w2j != null && w1j.containsKey(n) && w2j.containsKey(n)
                                    ? String.format(Locale.ROOT, "%.1f", w1j.get(n)[0] / w2j.get(n)[0]) : "-");
                }
            }
        }
        boolean anyAlloc = results.values().stream().flatMap(m -> m.values().stream()).anyMatch(v -> !Double.isNaN(v[1]));
        if (anyAlloc) {
            System.out.println();
            System.out.println("| benchmark | N | allocated per op (MB) |");
            System.out.println("|---|---:|---:|");
            results.forEach((name, byN) -> byN.forEach((n, v) -> {
                if (!Double.isNaN(v[1])) {
                    System.out.printf(Locale.ROOT, "| %s | %,d | %.1f |%n", name, n, v[1] / 1e6);
                }
            }));
        }
    }

    /** Just enough JSON for JMH's result file. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    skip();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        skip();
                        String k = string();
                        skip();
                        expect(':');
                        m.put(k, value());
                        skip();
                        if (s.charAt(i++) == '}') {
                            return m;
                        }
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    skip();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        skip();
                        if (s.charAt(i++) == ']') {
                            return l;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = i;
                    while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String t = s.substring(start, i);
                    return switch (t) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        case "NaN", "\"NaN\"" -> Double.NaN;
                        default -> Double.parseDouble(t);
                    };
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
