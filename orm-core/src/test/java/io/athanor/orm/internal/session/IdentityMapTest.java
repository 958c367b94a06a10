package io.athanor.orm.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.MappingReader;
import io.athanor.orm.model.Stuff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The identity map's hash table agrees with a HashMap through random puts, replacements and removals. */
class IdentityMapTest {
    private final EntityMapping<Stuff> mapping = MappingReader.read(Stuff.class, 0);
    private final IdentityMap map = new IdentityMap();
    private final List<Object> keepAlive = new ArrayList<>();

    private InstanceState state(long key) {
        Stuff entity = new Stuff((int) key, "s" + key);
        keepAlive.add(entity); // weak references: keep the objects reachable for the test
        InstanceState s = new InstanceState(entity, mapping, null, map.queue());
        s.key = key;
        return s;
    }

    @Test
    void randomPutsReplacementsAndRemovalsAgreeWithAHashMap() {
        long seed = Long.getLong("athanor.seed", 42L);
        Random random = new Random(seed);
        Map<Long, InstanceState> model = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // keys from a small range collide and cluster, which exercises probing and backward shifts
            long key = random.nextInt(step < 100_000 ? 5_000 : 50_000) - 100;
            int op = random.nextInt(10);
            if (op < 5) {
                InstanceState s = state(key);
                map.put(s);
                model.put(key, s);
            } else if (op < 8) {
                InstanceState s = model.remove(key);
                if (s != null) {
                    map.remove(s);
                }
            } else {
                InstanceState stale = state(key); // not the mapped one: removing it must change nothing
                map.remove(stale);
            }
            if (step % 997 == 0) {
                long probe = random.nextInt(50_000) - 100;
                assertSame(model.get(probe), map.get(mapping, probe), "seed " + seed + " step " + step + " key " + probe);
            }
        }
        for (Map.Entry<Long, InstanceState> e : model.entrySet()) {
            assertSame(e.getValue(), map.get(mapping, e.getKey()), "seed " + seed + " key " + e.getKey());
        }
        Set<InstanceState> walked = new HashSet<>(map.states(mapping));
        assertEquals(new HashSet<>(model.values()), walked);
        assertNull(map.get(mapping, 1_000_000L));
    }

    @Test
    void aHundredThousandSequentialKeysAreAllFoundAfterGrowing() {
        List<InstanceState> states = new ArrayList<>();
        for (long k = 1; k <= 100_000; k++) {
            InstanceState s = state(k);
            states.add(s);
            map.put(s);
        }
        for (InstanceState s : states) {
            assertSame(s, map.get(mapping, s.key));
        }
        assertEquals(100_000, map.all().size());
        map.clear();
        assertNull(map.get(mapping, 5L));
    }
}
