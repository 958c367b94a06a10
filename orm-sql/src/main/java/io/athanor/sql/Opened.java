package io.athanor.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Where and when a transaction was opened, for messages about transactions that stay open too long
 * (an exhausted pool, a writer slot that is never released). The stack is captured as a bare
 * {@link Throwable}: the JVM records it natively and builds stack frames only if a message needs them.
 */
record Opened(String thread, long nanos, Throwable stack) {
    private static final int SHOWN_FRAMES = 8;

    static Opened now() {
        return new Opened(Thread.currentThread().getName(), System.nanoTime(), new Throwable("opened here"));
    }

    /** E.g. {@code "2.5 s ago by thread worker-1 at\n\tat app.Billing.run(Billing.java:42)\n..."}. */
    String describe() {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement f : stack.getStackTrace()) {
            String c = f.getClassName();
            // Athanor's own frames say nothing about which caller left the transaction open.
            if (frames.isEmpty() && (c.startsWith("io.athanor.sql.") || c.startsWith("io.athanor.orm.internal."))) {
                continue;
            }
            frames.add("\n\tat " + f);
            if (frames.size() == SHOWN_FRAMES) {
                break;
            }
        }
        return String.format("%.1f s ago by thread %s at%s", (System.nanoTime() - nanos) / 1e9, thread, String.join("", frames));
    }
}
