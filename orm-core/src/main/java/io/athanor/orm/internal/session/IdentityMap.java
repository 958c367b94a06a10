package io.athanor.orm.internal.session;

import io.athanor.orm.internal.mapping.EntityMapping;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One object per row: states by entity and primary key. States refer to their objects weakly; when
 * the collector clears one, its entry is dropped on the next access.
 */
final class IdentityMap {
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final List<Map<Object, InstanceState>> byEntity = new ArrayList<>();

    ReferenceQueue<Object> queue() {
        return queue;
    }

    /** The live state for that key, or null. */
    InstanceState get(EntityMapping<?> mapping, Object key) {
        purge();
        InstanceState s = map(mapping).get(key);
        return s == null || s.get() == null ? null : s;
    }

    void put(InstanceState state) {
        map(state.mapping).put(state.key, state);
    }

    void remove(InstanceState state) {
        Map<Object, InstanceState> m = map(state.mapping);
        if (m.get(state.key) == state) {
            m.remove(state.key);
        }
    }

    /** A snapshot of the live states of one entity. */
    List<InstanceState> states(EntityMapping<?> mapping) {
        purge();
        return live(map(mapping).values());
    }

    /** A snapshot of every live state. */
    List<InstanceState> all() {
        purge();
        List<InstanceState> out = new ArrayList<>();
        for (Map<Object, InstanceState> m : byEntity) {
            out.addAll(live(m.values()));
        }
        return out;
    }

    void clear() {
        byEntity.clear();
        while (queue.poll() != null) {
            // drained: the entries are gone already
        }
    }

    private static List<InstanceState> live(Iterable<InstanceState> states) {
        List<InstanceState> out = new ArrayList<>();
        for (InstanceState s : states) {
            if (s.get() != null) {
                out.add(s);
            }
        }
        return out;
    }

    private Map<Object, InstanceState> map(EntityMapping<?> mapping) {
        int i = mapping.ordinal();
        while (byEntity.size() <= i) {
            byEntity.add(new HashMap<>());
        }
        return byEntity.get(i);
    }

    private void purge() {
        for (Reference<?> r = queue.poll(); r != null; r = queue.poll()) {
            remove((InstanceState) r);
        }
    }
}
