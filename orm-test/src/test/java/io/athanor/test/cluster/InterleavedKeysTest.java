package io.athanor.test.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.sql.Column;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.test.kit.KitTargets;
import io.athanor.test.kit.ServerTarget;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generated keys on MariaDB when AUTO_INCREMENT does not count by one: what every Galera node does
 * ({@code auto_increment_increment} = cluster size, {@code auto_increment_offset} = the node's
 * index), here on the single test server with those session variables set on every connection. A
 * flush, {@code insertAll} and concurrent flushes from connections with other offsets must give
 * each object the key of its own row: nothing may assume that a batch's keys are consecutive.
 * Runs in normal CI (no cluster needed); skipped, or failed with {@code ATHANOR_REQUIRE_SERVERS=1},
 * when MariaDB does not answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterleavedKeysTest {
    private static final int INCREMENT = 3;
    private ServerTarget base;
    private final List<ServerTarget> targets = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    void target() {
        base = KitTargets.mariadb();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    @AfterAll
    void dropAll() {
        targets.forEach(ServerTarget::close);
        base.close();
    }

    private Database scratch;

    @BeforeEach
    void scratchDatabase() {
        scratch = base.open();
        open.add(scratch);
        SessionFactory sf = SessionFactory.builder().database(scratch).entities(KitStuff.class).build();
        sf.createTables();
    }

    /** A factory on the scratch database whose connections count AUTO_INCREMENT by 3 from {@code offset}. */
    private SessionFactory interleaved(int offset) {
        String url = scratchUrl() + (scratchUrl().contains("?") ? "&" : "?")
                + "sessionVariables=auto_increment_increment=" + INCREMENT + ",auto_increment_offset=" + offset;
        Database db = Database.builder().url(url).username(base.user()).password(base.password()).maximumPoolSize(2).build();
        open.add(db);
        // Objects keep their values after commit, so the test can compare them with the rows.
        SessionFactory sf = SessionFactory.builder().database(db).entities(KitStuff.class).expireOnCommit(false).build();
        open.add(sf);
        return sf;
    }

    /** auto_increment_increment and _offset of a pooled connection (plain JDBC: a check, not a feature). */
    private static List<Long> autoIncrementSettings(Database db) {
        try (var c = db.dataSource().getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT @@auto_increment_increment, @@auto_increment_offset")) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String scratchUrl() {
        try (var c = scratch.dataSource().getConnection()) {
            return c.getMetaData().getURL().replaceFirst("\\?.*$", "");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aThousandRowFlushGivesEveryObjectTheKeyOfItsOwnRow() {
        SessionFactory sf = interleaved(2);
        List<KitStuff> added = new ArrayList<>();
        try (Session s = sf.openSession()) {
            assertEquals(List.of(3L, 2L), autoIncrementSettings(sf.database()), "the session variables are in effect");
            for (int i = 0; i < 1000; i++) {
                KitStuff k = new KitStuff(i, "row" + i);
                s.add(k);
                added.add(k);
            }
            s.commit();
        }
        assertKeysMatchRows(added, 2);
    }

    @Test
    void insertAllAndSingleAddsGetTheirOwnKeys() {
        SessionFactory sf = interleaved(2);
        List<KitStuff> all = new ArrayList<>();
        try (Session s = sf.openSession()) {
            List<Map<Column<?>, Object>> rows = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                rows.add(Map.of(KitStuff_.foo, i, KitStuff_.name, "bulk" + i));
            }
            all.addAll(s.insertAll(KitStuff.class, rows));
            KitStuff one = new KitStuff(-1, "single");
            s.add(one);
            s.flush();
            all.add(one);
            s.commit();
        }
        assertKeysMatchRows(all, 2);
    }

    @Test
    void concurrentFlushesFromConnectionsWithOtherOffsetsInterleaveTheirKeysAndEachObjectKeepsItsOwn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(INCREMENT);
        try {
            List<Future<List<KitStuff>>> results = new ArrayList<>();
            for (int offset = 1; offset <= INCREMENT; offset++) {
                SessionFactory sf = interleaved(offset);
                int o = offset;
                results.add(pool.submit(() -> {
                    List<KitStuff> mine = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        try (Session s = sf.openSession()) {
                            for (int i = 0; i < 200; i++) {
                                KitStuff k = new KitStuff(o, "o" + o + "r" + round + "i" + i);
                                s.add(k);
                                mine.add(k);
                            }
                            s.commit();
                        }
                    }
                    return mine;
                }));
            }
            List<KitStuff> all = new ArrayList<>();
            for (int offset = 1; offset <= INCREMENT; offset++) {
                List<KitStuff> mine = results.get(offset - 1).get();
                assertKeysMatchRows(mine, offset);
                all.addAll(mine);
            }
            assertEquals(all.size(), new HashSet<>(all.stream().map(KitStuff::getId).toList()).size(), "keys unique");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every object's id is the id of the row holding its name, and counts by 3 from {@code offset}. */
    private void assertKeysMatchRows(List<KitStuff> objects, int offset) {
        Map<String, Long> rows = new HashMap<>();
        scratch.query(Sql.select(KitStuff_.id, KitStuff_.name).from(KitStuff_.TABLE),
                r -> rows.put(r.get(KitStuff_.name), r.get(KitStuff_.id)));
        assertTrue(rows.size() >= objects.size(), "rows: " + rows.size());
        Set<Long> seen = new HashSet<>();
        for (KitStuff k : objects) {
            assertNotNull(k.getId(), k.getName());
            assertEquals(rows.get(k.getName()), k.getId(), "the key of " + k.getName());
            assertEquals(offset % INCREMENT, Math.floorMod(k.getId(), INCREMENT), "the offset of " + k);
            assertTrue(seen.add(k.getId()), "duplicate key " + k);
        }
    }
}
