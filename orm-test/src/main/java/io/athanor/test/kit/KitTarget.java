package io.athanor.test.kit;

import io.athanor.sql.Database;
import java.util.function.Consumer;

/**
 * A database the compliance kit runs against. Each {@link #open} gives a fresh, isolated, empty
 * database (a new file, schema or database): suites open one per test and close it themselves;
 * {@link #close()} then drops everything the target made. Build targets with {@link KitTargets}
 * (SQLite, PostgreSQL, MariaDB, or any file database such as H2) or implement this for your own
 * server. A target whose server is unavailable aborts {@link #open} with a visible skip, or fails
 * it when {@code ATHANOR_REQUIRE_SERVERS=1} (see {@link ServerTarget}).
 */
public interface KitTarget extends AutoCloseable {
    /** A short name for messages, e.g. {@code sqlite}. */
    String name();

    /**
     * Opens a fresh, empty, isolated database. {@code settings} is applied to the builder after the
     * target's own settings (URL, user): the kit uses it to add a statement listener.
     */
    Database open(Consumer<Database.Builder> settings);

    /** {@link #open(Consumer)} with no extra settings. */
    default Database open() {
        return open(b -> { });
    }

    /** Drops every database, schema or file this target made. */
    @Override
    void close();
}
