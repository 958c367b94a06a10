package io.athanor.orm.internal.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Objects queued for the next flush (the new ones, or the loaded ones written to), in the order
 * they were queued. A bit on each state ({@link InstanceState#queues}) replaces a hash set: adding
 * is a field test on the hot path (a hash set of 10,000 new states spent most of {@code add()} on
 * identity hash codes), and removal is lazy (the bit is cleared; the list skips it).
 */
final class StateQueue implements Iterable<InstanceState> {
    /** The queue of new objects, to INSERT. */
    static final int ADDED = 1;
    /** The queue of loaded objects written to, to compare and UPDATE. */
    static final int CHANGED = 2;

    private final int bit;
    private final List<InstanceState> states = new ArrayList<>();
    private int queued;

    StateQueue(int bit) {
        this.bit = bit;
    }

    void add(InstanceState s) {
        if ((s.queues & bit) == 0) {
            s.queues |= bit;
            states.add(s);
            queued++;
        }
    }

    void remove(InstanceState s) {
        if ((s.queues & bit) != 0) {
            s.queues &= ~bit;
            queued--;
        }
    }

    boolean contains(InstanceState s) {
        return (s.queues & bit) != 0;
    }

    boolean isEmpty() {
        return queued == 0;
    }

    /**
     * The states still queued, each once, in queue order. A state removed and queued again is in the
     * list twice; clearing the bit while collecting keeps only its first entry.
     */
    List<InstanceState> snapshot() {
        List<InstanceState> out = new ArrayList<>(queued);
        for (InstanceState s : states) {
            if ((s.queues & bit) != 0) {
                s.queues &= ~bit;
                out.add(s);
            }
        }
        for (InstanceState s : out) {
            s.queues |= bit;
        }
        return out;
    }

    /** Iterates a {@link #snapshot()}: the queue may change while the caller walks it. */
    @Override
    public Iterator<InstanceState> iterator() {
        return snapshot().iterator();
    }

    void clear() {
        for (InstanceState s : states) {
            s.queues &= ~bit;
        }
        states.clear();
        queued = 0;
    }
}
