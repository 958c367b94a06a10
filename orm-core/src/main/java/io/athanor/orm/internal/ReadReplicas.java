package io.athanor.orm.internal;

import io.athanor.orm.OrmException;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.sql.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A factory's read replicas: one {@link OrmContext} per replica, each over a {@link Database} opened
 * here and closed with {@link #close()}, handed out in turn (round-robin) to read-only sessions.
 * Thread-safe.
 */
public final class ReadReplicas implements AutoCloseable {
    /** A replica: its sessions' context and, for messages, where it is (the URL without its options). */
    public record Replica(OrmContext context, String description) {
    }

    private final List<Replica> replicas;
    private final AtomicInteger next = new AtomicInteger();

    private ReadReplicas(List<Replica> replicas) {
        this.replicas = List.copyOf(replicas);
    }

    /** No replicas. */
    public static ReadReplicas none() {
        return new ReadReplicas(List.of());
    }

    /**
     * Opens a database for each URL (with {@code username}/{@code password} when not null) and a
     * context like the primary's over it. Refuses a replica whose dialect is not the primary's; on
     * any failure closes what it opened and rethrows.
     */
    public static ReadReplicas open(List<String> urls, String username, String password, OrmContext primary,
            List<EntityMapping<?>> mappings) {
        List<Replica> opened = new ArrayList<>();
        try {
            for (int i = 0; i < urls.size(); i++) {
                String where = "read replica " + (i + 1) + " of " + urls.size() + " (" + urls.get(i).replaceFirst("\\?.*$", "") + ")";
                Database.Builder b = Database.builder().url(urls.get(i));
                if (username != null) {
                    b.username(username);
                }
                if (password != null) {
                    b.password(password);
                }
                Database db = b.build();
                opened.add(new Replica(new OrmContext(db, mappings, primary.expireOnCommit(), primary.autoflush()), where));
                String dialect = primary.database().dialect().name();
                if (!db.dialect().name().equals(dialect)) {
                    throw new OrmException("SessionFactory.builder(): " + where + " is a " + db.dialect().name()
                            + " database but the primary is " + dialect + "; a read replica must be a copy of the primary");
                }
            }
            return new ReadReplicas(opened);
        } catch (RuntimeException e) {
            try {
                new ReadReplicas(opened).close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public boolean isEmpty() {
        return replicas.isEmpty();
    }

    /** The next replica in turn; there must be one. */
    public Replica next() {
        return replicas.get(Math.floorMod(next.getAndIncrement(), replicas.size()));
    }

    /** The replicas' databases, in the order given. */
    public List<Database> databases() {
        return replicas.stream().map(r -> r.context().database()).toList();
    }

    /** Closes every replica's database, even if closing an earlier one failed; the first failure is thrown. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Replica r : replicas) {
            try {
                r.context().database().close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
