package io.athanor.test.kit;

import io.athanor.sql.Database;
import io.athanor.sql.spi.Dialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What every kit suite shares: one {@link KitTarget} per test class (from {@link #target()}, closed
 * after the class), and a fresh database per test, recording its statements in {@link #log}. A
 * target whose server is down aborts each test in {@code @BeforeEach}, so every test shows as
 * skipped (or failed, with {@code ATHANOR_REQUIRE_SERVERS=1}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KitSuite {
    /** The statements run on {@link #db} since the test began (or was last cleared). */
    protected final StatementLog log = new StatementLog();
    /** This test's fresh database. */
    protected Database db;
    private KitTarget target;

    /** The database under test; called once per test class. */
    protected abstract KitTarget target();

    @BeforeAll
    final void openTarget() {
        target = target();
    }

    @AfterAll
    final void closeTarget() {
        if (target != null) {
            target.close();
        }
    }

    @BeforeEach
    final void openDatabase() {
        db = target.open(b -> b.listener(log));
        prepare();
        log.clear();
    }

    @AfterEach
    final void closeDatabase() {
        try {
            finish();
        } finally {
            if (db != null) {
                db.close();
                db = null;
            }
        }
    }

    /** Creates what every test of the suite needs, after the database opened; statements here are not logged. */
    protected void prepare() {
    }

    /** Releases what {@link #prepare()} made (sessions, factories) before the database closes. */
    protected void finish() {
    }

    /** The dialect under test. */
    protected final Dialect dialect() {
        return db.dialect();
    }

    /** The target, for suites that need a second database. */
    protected final KitTarget kitTarget() {
        return target;
    }
}
