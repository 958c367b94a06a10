package io.athanor.test.kit;

import io.athanor.sql.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A target for embedded, file-based databases (SQLite, H2, ...): each {@link #open} uses a new file
 * path under a directory of its own, so opens never share data. Build with {@link KitTargets#files}.
 */
public final class FileTarget implements KitTarget {
    private final String name;
    private final Path dir;
    private final Function<Path, String> url;
    private final AtomicInteger opened = new AtomicInteger();

    FileTarget(String name, Path parent, Function<Path, String> url) {
        this.name = name;
        this.url = url;
        try {
            Files.createDirectories(parent);
            this.dir = Files.createTempDirectory(parent, "athanor_kit_" + name + "_");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the " + name + " kit target in " + parent, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The directory holding this target's files. */
    public Path directory() {
        return dir;
    }

    @Override
    public Database open(Consumer<Database.Builder> settings) {
        Path file = dir.resolve("db" + opened.incrementAndGet());
        Database.Builder b = Database.builder().url(url.apply(file));
        settings.accept(b);
        return b.build();
    }

    /** Deletes the directory with every database file in it. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A file still held open (Windows) is left to the temp directory's own cleanup.
            System.err.println("[athanor-kit] could not delete " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name + " files in " + dir;
    }
}
