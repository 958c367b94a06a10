package io.athanor.orm.internal.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The loaded objects written to since the last flush, in the order of their first write. A flag
 * on each state ({@link InstanceState#queuedForFlush}) replaces a hash set: adding is a field test
 * on the hot write path, and removal is lazy (the flag is cleared; the list skips it).
 */
final class ChangedStates {
    private final List<InstanceState> states = new ArrayList<>();
    private int queued;

    void add(InstanceState s) {
        if (!s.queuedForFlush) {
            s.queuedForFlush = true;
            states.add(s);
            queued++;
        }
    }

    void remove(InstanceState s) {
        if (s.queuedForFlush) {
            s.queuedForFlush = false;
            queued--;
        }
    }

    boolean isEmpty() {
        return queued == 0;
    }

    /**
     * The states still queued, each once, in first-write order. A state removed and written again
     * is in the list twice; clearing the flag while collecting keeps only its first entry.
     */
    List<InstanceState> snapshot() {
        List<InstanceState> out = new ArrayList<>(queued);
        for (InstanceState s : states) {
            if (s.queuedForFlush) {
                s.queuedForFlush = false;
                out.add(s);
            }
        }
        for (InstanceState s : out) {
            s.queuedForFlush = true;
        }
        return out;
    }

    void clear() {
        for (InstanceState s : states) {
            s.queuedForFlush = false;
        }
        states.clear();
        queued = 0;
    }
}
