package io.athanor.orm;

import io.athanor.orm.internal.Backoff;
import io.athanor.orm.internal.OrmContext;
import io.athanor.orm.internal.ReadReplicas;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.MappingReader;
import io.athanor.orm.internal.session.SessionImpl;
import io.athanor.sql.Database;
import io.athanor.sql.SqlException;
import io.athanor.sql.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread-safe source of {@link Session}s for one database and a fixed set of entity classes.
 *
 * <pre>{@code
 * try (SessionFactory sf = SessionFactory.builder().url("jdbc:sqlite:app.db").entities(Stuff.class).build()) {
 *     sf.createTables();
 *     try (Session s = sf.openSession()) { ... }
 * }
 * }</pre>
 */
public final class SessionFactory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);
    /** Why build() refuses unenhanced classes, and the build step to add. */
    private static final String MISSING_ENHANCEMENT = """
            these entity classes were not enhanced by the build: %s. Add the enhancement step to the module \
            that compiles them: the Maven plugin net.bytebuddy:byte-buddy-maven-plugin (1.18.7 or newer), goal \
            "transform", configured with
              <transformation>
                <groupId>io.athanor</groupId>
                <artifactId>orm-core</artifactId>
                <version><!-- the orm-core version you depend on --></version>
                <plugin>io.athanor.orm.enhance.EntityEnhancer</plugin>
              </transformation>
            (see the README, "Using Athanor in your project"). Without it, changes are found only by comparing \
            snapshots and an expired value cannot reload when read; to accept that, build the factory with \
            SessionFactory.builder().allowUnenhanced(true).""";

    private final OrmContext context;
    private final boolean ownsDatabase;
    private final int retries;
    private final Backoff backoff;
    /** The read replicas (each over a Database this factory opened and closes), taken in turn. */
    private final ReadReplicas replicas;

    private SessionFactory(OrmContext context, boolean ownsDatabase, int retries, Backoff backoff,
            ReadReplicas replicas) {
        this.context = context;
        this.ownsDatabase = ownsDatabase;
        this.retries = retries;
        this.backoff = backoff;
        this.replicas = replicas;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new session on the primary database; close it when done. */
    public Session openSession() {
        return new SessionImpl(context);
    }

    /**
     * A new session opened as {@code options} say; close it when done. With
     * {@link SessionOptions#readOnly()} it reads from the next read replica in turn
     * ({@link Builder#readReplicas(String...)}; the primary when there are none) and refuses every
     * write, naming it, before any SQL (see {@link SessionOptions}).
     *
     * <pre>{@code
     * try (Session s = sf.openSession(SessionOptions.readOnly())) {
     *     List<Order> recent = s.query(Order.class).where(Order_.placed.gt(since)).list();
     * }
     * }</pre>
     */
    public Session openSession(SessionOptions options) {
        if (options == null) {
            throw new OrmException("openSession(null): give SessionOptions.defaults() or SessionOptions.readOnly()");
        }
        if (!options.isReadOnly()) {
            return openSession();
        }
        if (replicas.isEmpty()) {
            return new SessionImpl(context, false, "a read-only session (SessionOptions.readOnly()) on the primary "
                    + "(this factory has no read replicas)");
        }
        ReadReplicas.Replica r = replicas.next();
        return new SessionImpl(r.context(), false, "a read-only session (SessionOptions.readOnly()) on " + r.description());
    }

    /**
     * Runs {@code work} in a session of its own and commits; returns the work's result. If the work
     * or the commit fails because the transaction lost a race with another one (a
     * {@link StaleObjectException}, or a {@link SqlException} whose {@link SqlException#isRetryable()}
     * is true: serialization failure, deadlock, lock wait timeout, SQLite write conflict), the session
     * is rolled back and closed and the work runs again in a new session after a jittered, growing
     * pause, up to {@link Builder#retries(int)} more times; the last failure is then thrown. Any other
     * failure is thrown at once, the same exception object, after one run. The work must therefore
     * do nothing outside the session that it cannot repeat. On SQLite the session begins as a
     * writer: it waits its turn behind the other writers of this process and then cannot conflict.
     *
     * <pre>{@code
     * long balance = sf.inTransaction(s -> {
     *     Account a = s.get(Account.class, id);
     *     a.setBalance(a.getBalance() + 10);
     *     return a.getBalance();
     * });
     * }</pre>
     */
    public <T> T inTransaction(Function<Session, T> work) {
        if (work == null) {
            throw new OrmException("inTransaction/useTransaction(null): give the work to run");
        }
        for (int attempt = 0;; attempt++) {
            try (SessionImpl session = new SessionImpl(context, true)) {
                T result = work.apply(session);
                session.commit();
                return result;
            } catch (RuntimeException e) {
                if (attempt >= retries || !isRetryable(e)) {
                    throw e;
                }
                pauseBeforeRetry(attempt, e);
            }
        }
    }

    /** {@link #inTransaction(Function)} for work that returns nothing. */
    public void useTransaction(Consumer<Session> work) {
        if (work == null) {
            throw new OrmException("inTransaction/useTransaction(null): give the work to run");
        }
        inTransaction(s -> {
            work.accept(s);
            return null;
        });
    }

    /** A lost race, also when the work caught it and a later refusal of the session carries it as its cause. */
    private static boolean isRetryable(Throwable e) {
        for (int depth = 0; e != null && depth < 16; e = e.getCause(), depth++) {
            if (e instanceof StaleObjectException || e instanceof SqlException s && s.isRetryable()) {
                return true;
            }
        }
        return false;
    }

    private void pauseBeforeRetry(int attempt, RuntimeException failure) {
        long pause = backoff.pauseNanos(attempt);
        if (LOG.isDebugEnabled()) {
            LOG.debug("inTransaction: run {} of at most {} failed with a retryable {}; running the work again in {} ms: {}",
                    attempt + 1, retries + 1, failure.getClass().getSimpleName(), pause / 1_000_000, failure.getMessage());
        }
        try {
            TimeUnit.NANOSECONDS.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            throw failure;
        }
    }

    /** Issues CREATE TABLE IF NOT EXISTS for every mapped entity, in registration order. */
    public void createTables() {
        context.database().createTables(context.mappings().stream().map(EntityMapping::table).toArray(Table[]::new));
    }

    /**
     * The entity mappings against the database's schema: {@link Schema#validate()} reports every
     * difference, {@link Schema#migrationScript()} writes the DDL for new tables and columns.
     */
    public Schema schema() {
        return new Schema(context);
    }

    public Database database() {
        return context.database();
    }

    /** The read replicas' databases, in the order given to {@link Builder#readReplicas(String...)}. */
    public List<Database> readReplicas() {
        return replicas.databases();
    }

    /** Closes the read replicas' databases, and the primary's only if this factory opened it from a URL. */
    @Override
    public void close() {
        try {
            replicas.close();
        } finally {
            if (ownsDatabase) {
                context.database().close();
            }
        }
    }

    /**
     * Settings for a {@link SessionFactory}.
     *
     * <p><b>Enhancement.</b> Entity classes are enhanced at build time by the
     * {@code net.bytebuddy:byte-buddy-maven-plugin} running {@code io.athanor.orm.enhance.EntityEnhancer}
     * (see {@link #allowUnenhanced(boolean)}); {@link #build()} refuses a class that was not, naming
     * it and that build step, unless {@code allowUnenhanced(true)}.
     */
    public static final class Builder {
        private String url;
        private String username;
        private String password;
        private Database database;
        private final Set<Class<?>> entities = new LinkedHashSet<>();
        private boolean expireOnCommit = true;
        private boolean autoflush = true;
        private boolean allowUnenhanced;
        private boolean validateSchema;
        private int retries = 5;
        private final List<String> replicaUrls = new ArrayList<>();
        private Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(500));

        private Builder() {
        }

        /** Opens (and on close, closes) a database for this JDBC URL. */
        public Builder url(String jdbcUrl) {
            this.url = requireArgument(jdbcUrl, "url");
            return this;
        }

        /** The user for {@link #url(String)} (a server database); for more pool settings build a {@link Database}. */
        public Builder username(String username) {
            this.username = requireArgument(username, "username");
            return this;
        }

        /** The password for {@link #url(String)}. */
        public Builder password(String password) {
            this.password = requireArgument(password, "password");
            return this;
        }

        /**
         * Read replicas of the primary (PostgreSQL streaming standbys, MariaDB replicas or Galera
         * nodes set aside for reading): {@link SessionFactory#openSession(SessionOptions)} with
         * {@link SessionOptions#readOnly()} reads from them in turn; ordinary sessions and
         * {@code inTransaction} use the primary. The factory opens a {@link Database} for each (with
         * {@link #username}/{@link #password} when given, else the URL's own credentials) and closes
         * them with itself. Each must have the primary's dialect. Replicas lag behind the primary: see
         * {@link SessionOptions} on reading your own writes.
         */
        public Builder readReplicas(String... urls) {
            requireArgument(urls, "readReplicas");
            if (urls.length == 0) {
                throw new OrmException("SessionFactory.builder().readReplicas(): give at least one JDBC URL");
            }
            for (int i = 0; i < urls.length; i++) {
                if (urls[i] == null || urls[i].isBlank()) {
                    throw new OrmException("SessionFactory.builder().readReplicas(...): URL " + i + " is "
                            + (urls[i] == null ? "null" : "blank"));
                }
            }
            replicaUrls.addAll(List.of(urls));
            return this;
        }

        /** Uses a database owned by the caller; closing the factory leaves it open. */
        public Builder database(Database database) {
            this.database = requireArgument(database, "database");
            return this;
        }

        private static <T> T requireArgument(T value, String name) {
            if (value == null) {
                throw new OrmException("SessionFactory.builder()." + name + "(null)");
            }
            return value;
        }

        /** The entity classes, parents before children: inserts follow this order, deletes the reverse. */
        public Builder entities(Class<?>... classes) {
            entities.addAll(List.of(classes));
            return this;
        }

        /** Expire every object on commit so the next read sees the database (default true). */
        public Builder expireOnCommit(boolean expire) {
            this.expireOnCommit = expire;
            return this;
        }

        /** Flush before queries and bulk statements (default true). */
        public Builder autoflush(boolean autoflush) {
            this.autoflush = autoflush;
            return this;
        }

        /**
         * Accepts entity classes that the build did not enhance (default false: {@link #build()}
         * refuses them). An enhanced object reports every read and write of its fields; an
         * unenhanced one cannot, so the session finds its changes by comparing snapshots at flush,
         * and, since it cannot reload a value when it is read, <b>never leaves such an object
         * expired</b>:
         * <ul>
         *   <li>{@code expire(obj)}, {@code expireAll()} and the synchronization of a bulk statement
         *       (a SET value it cannot compute, criteria it cannot evaluate on the object) reload it
         *       at once from its row, in the session's transaction, as {@code refresh(obj)} would;
         *       if the row is gone, the object leaves the session (detached);</li>
         *   <li>{@code commit()} does not expire it, even with {@link #expireOnCommit(boolean)}: it
         *       keeps the values it had at commit, which the database then held; call
         *       {@code refresh(obj)} to see later changes made by other transactions;</li>
         *   <li>{@code rollback()} detaches it (its fields may hold values the rollback undid):
         *       {@code state(obj)} is {@code DETACHED}, {@code contains(obj)} false; load it again.</li>
         * </ul>
         * So every value read from an unenhanced object is the database's as of its last load,
         * flush or commit by this session, or the object is plainly detached.
         */
        public Builder allowUnenhanced(boolean allow) {
            this.allowUnenhanced = allow;
            return this;
        }

        /**
         * Validates the database's schema against the mappings in {@link #build()} (default false):
         * build then throws {@link SchemaMismatchException} listing every difference (see
         * {@link Schema#validate()}), closing the database if it opened it.
         */
        public Builder validateSchema(boolean validate) {
            this.validateSchema = validate;
            return this;
        }

        /**
         * How many more times {@link SessionFactory#inTransaction(Function)} runs the work after a
         * retryable failure (default 5: at most 6 runs; 0: one run).
         */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new OrmException("retries(" + retries + "): must be >= 0");
            }
            this.retries = retries;
            return this;
        }

        /**
         * The pause before each retry of {@link SessionFactory#inTransaction(Function)}: random, up to
         * {@code initial} before the first retry, doubling each time, never more than {@code max}
         * (default 10 ms and 500 ms). {@code Duration.ZERO} for both retries at once.
         */
        public Builder backoff(Duration initial, Duration max) {
            this.backoff = new Backoff(initial, max);
            return this;
        }

        public SessionFactory build() {
            if ((url == null) == (database == null)) {
                throw new OrmException("SessionFactory.builder(): give exactly one of url(...) or database(...)");
            }
            if (database != null && replicaUrls.isEmpty() && (username != null || password != null)) {
                throw new OrmException("SessionFactory.builder(): username/password go with url(...) or readReplicas(...); "
                        + "a Database passed to database(...) brings its own credentials");
            }
            if (entities.isEmpty()) {
                throw new OrmException("SessionFactory.builder(): no entities; list them with entities(...)");
            }
            List<EntityMapping<?>> mappings = MappingReader.readAll(List.copyOf(entities));
            List<String> unenhanced = new ArrayList<>();
            for (EntityMapping<?> m : mappings) {
                if (!m.enhanced()) {
                    unenhanced.add(m.type().getName());
                }
            }
            if (!unenhanced.isEmpty() && !allowUnenhanced) {
                throw new MappingException(MISSING_ENHANCEMENT.formatted(String.join(", ", unenhanced)));
            }
            if (!unenhanced.isEmpty()) {
                LOG.info("not enhanced (allowUnenhanced): {}; changes are found by snapshot comparison at flush and "
                        + "such objects are never left expired (see SessionFactory.Builder.allowUnenhanced)", unenhanced);
            }
            Database db = database != null ? database
                    : Database.builder().url(url).username(username).password(password).build();
            ReadReplicas replicas = ReadReplicas.none();
            try {
                OrmContext primary = new OrmContext(db, mappings, expireOnCommit, autoflush);
                replicas = replicaUrls.isEmpty() ? replicas
                        : ReadReplicas.open(replicaUrls, username, password, primary, mappings);
                SessionFactory sf = new SessionFactory(primary, database == null, retries, backoff, replicas);
                if (validateSchema) {
                    sf.schema().validate();
                }
                return sf;
            } catch (RuntimeException e) {
                try {
                    replicas.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                if (database == null) {
                    db.close();
                }
                throw e;
            }
        }
    }
}
