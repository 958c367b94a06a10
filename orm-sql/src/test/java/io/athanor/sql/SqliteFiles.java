package io.athanor.sql;

import java.nio.file.Path;

/** Opens a fresh SQLite file database in a test's temporary directory. */
final class SqliteFiles {
    private SqliteFiles() {
    }

    static Database open(Path dir) {
        return Database.open("jdbc:sqlite:" + dir.resolve("test.db"));
    }

    static Database open(Path dir, StatementListener listener) {
        return Database.builder().url("jdbc:sqlite:" + dir.resolve("test.db")).listener(listener).build();
    }
}
