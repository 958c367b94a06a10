package io.athanor.orm.internal.session;

import io.athanor.orm.internal.mapping.EntityMapping;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One object per row: states by entity and primary key. States refer to their objects weakly; when
 * the collector clears one, its entry is dropped on the next access.
 *
 * <p>Each entity's table is an open hash table chained through the states themselves
 * ({@link InstanceState#nextInMap}), so a loaded object costs the map one slot, not a separate
 * entry object: a session holding 100,000 objects is that much smaller and faster to walk.
 */
final class IdentityMap {
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final List<Table> byEntity = new ArrayList<>();

    ReferenceQueue<Object> queue() {
        return queue;
    }

    /** The live state for that key, or null. */
    InstanceState get(EntityMapping<?> mapping, Object key) {
        purge();
        InstanceState s = table(mapping).get(key);
        return s == null || s.get() == null ? null : s;
    }

    void put(InstanceState state) {
        table(state.mapping).put(state);
    }

    void remove(InstanceState state) {
        table(state.mapping).remove(state);
    }

    /** A snapshot of the live states of one entity. */
    List<InstanceState> states(EntityMapping<?> mapping) {
        purge();
        List<InstanceState> out = new ArrayList<>();
        table(mapping).forEach(s -> {
            if (s.get() != null) {
                out.add(s);
            }
        });
        return out;
    }

    /** A snapshot of every live state. */
    List<InstanceState> all() {
        List<InstanceState> out = new ArrayList<>();
        forEachLive(out::add);
        return out;
    }

    /**
     * Runs {@code action} on every live state, in place: no snapshot list. {@code action} must not add
     * states to or remove them from this map.
     */
    void forEachLive(Consumer<InstanceState> action) {
        purge();
        for (Table t : byEntity) {
            t.forEach(s -> {
                if (s.get() != null) {
                    action.accept(s);
                }
            });
        }
    }

    void clear() {
        for (Table t : byEntity) {
            t.clear();
        }
        byEntity.clear();
        while (queue.poll() != null) {
            // drained: the entries are gone already
        }
    }

    private Table table(EntityMapping<?> mapping) {
        int i = mapping.ordinal();
        while (byEntity.size() <= i) {
            byEntity.add(new Table());
        }
        return byEntity.get(i);
    }

    private void purge() {
        for (Reference<?> r = queue.poll(); r != null; r = queue.poll()) {
            remove((InstanceState) r);
        }
    }

    /** Keys to states for one entity, chained through {@link InstanceState#nextInMap}; null keys are not stored. */
    private static final class Table {
        private InstanceState[] slots = new InstanceState[16];
        private int size;

        private static int hash(Object key) {
            int h = key.hashCode();
            return h ^ (h >>> 16);
        }

        InstanceState get(Object key) {
            if (key == null) {
                return null;
            }
            int h = hash(key);
            for (InstanceState s = slots[h & (slots.length - 1)]; s != null; s = s.nextInMap) {
                if (s.mapHash == h && Objects.equals(s.key, key)) {
                    return s;
                }
            }
            return null;
        }

        /** Maps the state's current key to it, replacing the state that had that key. */
        void put(InstanceState state) {
            Object key = state.key;
            if (key == null) {
                return;
            }
            if (state.inMap) {
                remove(state);
            }
            int h = hash(key);
            int i = h & (slots.length - 1);
            InstanceState prev = null;
            for (InstanceState s = slots[i]; s != null; prev = s, s = s.nextInMap) {
                if (s.mapHash == h && Objects.equals(s.key, key)) {
                    // replace s by state in the chain
                    state.nextInMap = s.nextInMap;
                    if (prev == null) {
                        slots[i] = state;
                    } else {
                        prev.nextInMap = state;
                    }
                    unlinked(s);
                    linked(state, h);
                    return;
                }
            }
            state.nextInMap = slots[i];
            slots[i] = state;
            linked(state, h);
            if (++size > slots.length - (slots.length >>> 2)) {
                resize();
            }
        }

        /** Removes {@code state} if it is the one mapped (by the key it was put with). */
        void remove(InstanceState state) {
            if (!state.inMap) {
                return;
            }
            int i = state.mapHash & (slots.length - 1);
            InstanceState prev = null;
            for (InstanceState s = slots[i]; s != null; prev = s, s = s.nextInMap) {
                if (s == state) {
                    if (prev == null) {
                        slots[i] = s.nextInMap;
                    } else {
                        prev.nextInMap = s.nextInMap;
                    }
                    unlinked(s);
                    size--;
                    return;
                }
            }
        }

        void forEach(Consumer<InstanceState> action) {
            for (InstanceState head : slots) {
                for (InstanceState s = head; s != null; s = s.nextInMap) {
                    action.accept(s);
                }
            }
        }

        void clear() {
            for (int i = 0; i < slots.length; i++) {
                for (InstanceState s = slots[i]; s != null; ) {
                    InstanceState next = s.nextInMap;
                    unlinked(s);
                    s = next;
                }
                slots[i] = null;
            }
            size = 0;
        }

        private static void linked(InstanceState s, int h) {
            s.mapHash = h;
            s.inMap = true;
        }

        private static void unlinked(InstanceState s) {
            s.nextInMap = null;
            s.inMap = false;
        }

        private void resize() {
            InstanceState[] old = slots;
            InstanceState[] grown = new InstanceState[old.length * 2];
            for (InstanceState head : old) {
                for (InstanceState s = head; s != null; ) {
                    InstanceState next = s.nextInMap;
                    int i = s.mapHash & (grown.length - 1);
                    s.nextInMap = grown[i];
                    grown[i] = s;
                    s = next;
                }
            }
            slots = grown;
        }
    }
}
