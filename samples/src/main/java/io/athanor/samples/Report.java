package io.athanor.samples;

import java.io.PrintStream;
import java.util.List;

/** The closing table: each method's time and how many times faster than loading every object. */
final class Report {
    private Report() {
    }

    /** Prints the table and returns the exit code: 0 when every method was right, 1 otherwise. */
    static int print(PrintStream out, List<UpdateMethods.Result> results, int rows) {
        double base = results.get(0).nanos();
        out.printf("%n%-58s %10s %12s%n", "method (" + String.format("%,d", rows) + " rows)", "time", "vs (1)");
        out.println("-".repeat(82));
        boolean ok = true;
        for (UpdateMethods.Result r : results) {
            double ms = r.nanos() / 1e6;
            String ratio = r == results.get(0) ? "1x" : String.format("%.1fx faster", base / Math.max(r.nanos(), 1));
            out.printf("%-58s %8.1f ms %12s%s%n", r.name(), ms, ratio, r.problems().isEmpty() ? "" : "   WRONG");
            ok &= r.problems().isEmpty();
        }
        out.println();
        out.println("(1) moves every row into an object and back, one statement per row in JDBC batches;");
        out.println("(2)-(5) send one UPDATE and the database does the work where the data is. The modes of (2)");
        out.println("differ only in what they do for objects already in the session: see docs/synchronize.md.");
        out.println("(5) selects rows through their shelf (a relationship) and still updates the loaded objects in Java.");
        out.println(ok ? "All methods produced the right values." : "Some methods produced wrong values: see WRONG above.");
        return ok ? 0 : 1;
    }
}
