package io.athanor.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.athanor.sql.internal.Ddl;
import io.athanor.sql.internal.Dialects;
import io.athanor.sql.internal.JdbcFailures;
import io.athanor.sql.internal.SqlCompiler;
import io.athanor.sql.internal.TableCreation;
import io.athanor.sql.spi.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database: a connection pool (HikariCP, or a {@link DataSource} you give) and the {@link Dialect}
 * that speaks to it. Thread-safe; open one per database and close it when done.
 *
 * <pre>{@code
 * try (Database db = Database.open("jdbc:sqlite:app.db");
 *      Transaction tx = db.begin()) {
 *     tx.execute(Sql.update(Stuff_.TABLE).set(Stuff_.foo, Stuff_.foo.plus(1)));
 *     tx.commit();
 * }
 * }</pre>
 *
 * Every statement is logged with its bound values at DEBUG on the logger {@code io.athanor.sql}.
 */
public final class Database implements AutoCloseable {
    private static final Logger SQL_LOG = LoggerFactory.getLogger("io.athanor.sql");
    /** How long a writer waits for its turn before failing (retryably), as long as SQLite's busy timeout. */
    private static final long WRITER_TURN_TIMEOUT_MILLIS = 10_000;

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final Dialect dialect;
    private final StatementListener listener;
    /** Queues this database's writers when the database admits one at a time (SQLite); else null. */
    private final WriterSlot writers;
    /** Every transaction begun and not yet ended: named when the pool runs dry. */
    private final Set<Transaction> openTransactions = ConcurrentHashMap.newKeySet();
    /** Compiled multi-row INSERTs by the INSERT they repeat, then by (row width, rows); see {@link #multiRowInsert}. */
    private final Map<Insert, Map<Long, CompiledSql>> multiRowShapes = new java.util.WeakHashMap<>();

    private Database(DataSource dataSource, HikariDataSource ownedPool, Dialect dialect, StatementListener listener,
            String name) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.dialect = dialect;
        this.listener = listener;
        this.writers = dialect.singleWriter() ? new WriterSlot(name, WRITER_TURN_TIMEOUT_MILLIS) : null;
    }

    /** A pooled database for that JDBC URL, with the dialect registered for it. */
    public static Database open(String jdbcUrl) {
        return builder().url(jdbcUrl).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Starts a transaction on a connection of its own. Close it (try-with-resources). On a database
     * that admits one writer at a time (SQLite) it reads without waiting and, before its first
     * write, waits its turn behind this database's other writers (see {@link #beginWriting()}).
     */
    public Transaction begin() {
        return begin(false);
    }

    /**
     * Starts a transaction that is going to write. On a database that admits one writer at a time
     * (SQLite) it first waits, first come first served, for the write turn and takes the database's
     * write lock at BEGIN ({@code BEGIN IMMEDIATE}), so what it reads cannot be changed by another
     * writer before it writes: it never fails with a write conflict. Other databases begin as usual.
     * A thread that already writes in another open transaction of this database is refused at once.
     */
    public Transaction beginWriting() {
        return begin(true);
    }

    private Transaction begin(boolean writer) {
        Connection c = connection();
        Opened opened = Opened.now();
        boolean turn = false;
        boolean immediate = false;
        try {
            if (ownedPool == null) {
                dialect.prepareGivenConnection(c); // the pool's own connections are set up by connectionProperties
            }
            if (writer && writers != null) {
                writers.acquire(opened);
                turn = true;
                dialect.beginImmediately(c, true);
                immediate = true;
            }
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            Transaction tx = new Transaction(this, c, autoCommit, opened, writers, turn, immediate);
            openTransactions.add(tx);
            return tx;
        } catch (SQLException | RuntimeException e) {
            abandon(c, immediate, turn, e);
            if (e instanceof SQLException sql) {
                SqlException t = JdbcFailures.translate(writer ? "BEGIN (as writer)" : "BEGIN", sql, dialect);
                throw new SqlException("cannot start a transaction: " + t.getMessage(), null, sql, t.isRetryable());
            }
            throw (RuntimeException) e;
        }
    }

    /** A pooled connection; when none frees up in time, says which open transactions hold them. */
    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new SqlException("cannot start a transaction: " + e.getMessage() + exhaustionHint(e), e);
        }
    }

    private String exhaustionHint(SQLException e) {
        List<Transaction> open = List.copyOf(openTransactions);
        if (open.isEmpty() || !(e instanceof java.sql.SQLTransientException)) {
            return "";
        }
        Transaction oldest = open.stream().min(Comparator.comparingLong(t -> t.opened().nanos())).orElseThrow();
        return ". " + open.size() + " transaction(s) of this Database are open, each holding a pooled connection until it"
                + " commits, rolls back or closes (a Session holds one from its first statement until commit(),"
                + " rollback() or close()). Likely cause: sessions or transactions that are never closed; open them with"
                + " try-with-resources. The oldest was opened " + oldest.opened().describe();
    }

    private void abandon(Connection c, boolean immediate, boolean turn, Exception failure) {
        try {
            if (immediate) {
                dialect.beginImmediately(c, false);
            }
        } catch (SQLException | RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        } finally {
            if (turn) {
                writers.release();
            }
        }
    }

    /** Called by a transaction as it ends. */
    void ended(Transaction tx) {
        openTransactions.remove(tx);
    }

    /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
    public <R> R inTransaction(Function<Transaction, R> work) {
        return inTransaction(false, work);
    }

    private <R> R inTransaction(boolean writer, Function<Transaction, R> work) {
        try (Transaction tx = begin(writer)) {
            R result = work.apply(tx);
            tx.commit();
            return result;
        }
    }

    /** Runs one DML statement in a transaction of its own; returns the row count. */
    public long execute(Statement statement) {
        return inTransaction(true, tx -> tx.execute(statement));
    }

    /** Runs one query in a transaction of its own and maps every row. */
    public <R> List<R> query(Statement statement, RowMapper<R> mapper) {
        return inTransaction(tx -> tx.query(statement, mapper));
    }

    /** Compiles a statement for this database's dialect: SQL text plus what is bound to each marker. */
    public CompiledSql compile(Statement statement) {
        return SqlCompiler.compile(dialect, statement);
    }

    /**
     * Compiles an UPDATE or DELETE that returns {@code key} so that, of the rows it changes, only those
     * with one of {@code keys} come back, in one statement; needs {@link
     * io.athanor.sql.spi.Dialect#supportsReturningInWith()}. Run it with {@link Transaction#query(CompiledSql, Object[], RowMapper)}.
     */
    public CompiledSql compileChangedAmong(Statement dmlReturningKey, Column<?> key, java.util.Collection<?> keys) {
        return SqlCompiler.compileChangedAmong(dialect, dmlReturningKey, key, keys);
    }

    /**
     * {@code keyed} ({@code insert} with its generated key bound from slot {@code width - 1}) as a
     * multi-row INSERT of {@code rows} rows, compiled once per INSERT and row count (the INSERTs of a
     * persister live as long as it; a weak map forgets the others).
     */
    CompiledSql multiRowInsert(Insert insert, Insert keyed, int rows, int width) {
        Map<Long, CompiledSql> shapes;
        synchronized (multiRowShapes) {
            shapes = multiRowShapes.computeIfAbsent(insert, i -> new ConcurrentHashMap<>());
        }
        return shapes.computeIfAbsent((long) width << 32 | rows, n -> SqlCompiler.compileRows(dialect, keyed, rows, width, true));
    }

    /** The CREATE TABLE statement for {@code table} in this dialect, with all its foreign keys. */
    public String createTableSql(Table table) {
        return Ddl.createTable(dialect, table);
    }

    /**
     * Creates each table unless it exists, in one transaction, with its foreign keys: a referenced
     * table before the tables referencing it, whatever the argument order. The key closing a cycle
     * of references is added by {@code ALTER TABLE} after the tables, unless it is already there, or
     * kept in CREATE TABLE where the dialect accepts forward references ({@link TableCreation}).
     */
    public void createTables(Table... tables) {
        TableCreation plan = TableCreation.plan(dialect, tables);
        inTransaction(true, tx -> {
            plan.run(dialect, tx.connection(), ddl -> announce(ddl, null, 1, List.of()));
            return null;
        });
    }

    /** Closes the pool if this database created it; a DataSource that was given stays open. */
    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    void announce(CompiledSql compiled, int rows, Object[] firstRow) {
        if (listener != null || SQL_LOG.isDebugEnabled()) {
            announce(compiled.sql(), compiled.kind(), rows, compiled.values(firstRow));
        }
    }

    void announce(String sql, StatementKind kind, int rows, List<Object> values) {
        if (SQL_LOG.isDebugEnabled()) {
            SQL_LOG.debug("{} {}{}", sql, values, rows > 1 ? " (batch of " + rows + ")" : "");
        }
        if (listener != null) {
            listener.beforeExecute(sql, kind, rows, values);
        }
    }

    /** Settings for {@link Database}; {@link #build()} opens the pool. */
    public static final class Builder {
        private String url;
        private String username;
        private String password;
        private Integer maximumPoolSize;
        private Dialect dialect;
        private DataSource dataSource;
        private StatementListener listener;
        private Integer isolation;
        private Duration connectionTimeout;

        private Builder() {
        }

        public Builder url(String jdbcUrl) {
            this.url = jdbcUrl;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder maximumPoolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("maximumPoolSize must be >= 1: " + size);
            }
            this.maximumPoolSize = size;
            return this;
        }

        /** Uses this dialect instead of finding one by URL or connection metadata. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** Uses an existing DataSource as it is (no pool is created; closing the Database leaves it open). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * The isolation level of every transaction, one of {@link Connection}'s
         * {@code TRANSACTION_*} constants (default: the database's own, e.g. READ COMMITTED on
         * PostgreSQL). At SERIALIZABLE the database may abort a transaction with a serialization
         * failure, a retryable {@link SqlException} that {@code SessionFactory.inTransaction} runs again.
         * Applies to the pool this builder creates; set it on a {@link DataSource} you give yourself.
         */
        public Builder transactionIsolation(int level) {
            this.isolation = switch (level) {
                case Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
                        Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE -> level;
                default -> throw new IllegalArgumentException("transactionIsolation must be one of Connection's "
                        + "TRANSACTION_* levels (1, 2, 4, 8): " + level);
            };
            return this;
        }

        /**
         * How long {@link Database#begin()} waits for a free pooled connection before failing
         * (default 30 s, HikariCP's; at least 250 ms). The failure names the open transactions that
         * hold the connections.
         */
        public Builder connectionTimeout(Duration timeout) {
            if (timeout.toMillis() < 250) {
                throw new IllegalArgumentException("connectionTimeout must be at least 250 ms: " + timeout);
            }
            this.connectionTimeout = timeout;
            return this;
        }

        /** Told about every statement before it runs. */
        public Builder listener(StatementListener listener) {
            this.listener = listener;
            return this;
        }

        public Database build() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (dataSource != null) {
                if (url != null) {
                    throw new IllegalStateException("give either url(...) or dataSource(...), not both");
                }
                Dialect d = dialect != null ? dialect : Dialects.forProduct(productName(dataSource), loader);
                return new Database(dataSource, null, d, listener, d.name() + " DataSource " + dataSource);
            }
            if (url == null) {
                throw new IllegalStateException("a Database needs url(...) or dataSource(...)");
            }
            Dialect d = dialect != null ? dialect : Dialects.forUrl(url, loader);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(username);
            config.setPassword(password);
            config.setMaximumPoolSize(maximumPoolSize != null ? maximumPoolSize : 10);
            config.setMinimumIdle(1);
            config.setPoolName("athanor-" + d.name());
            config.setDataSourceProperties(d.connectionProperties(url));
            if (isolation != null) {
                config.setTransactionIsolation(isolationName(isolation));
            }
            if (connectionTimeout != null) {
                config.setConnectionTimeout(connectionTimeout.toMillis());
            }
            HikariDataSource pool;
            try {
                pool = new HikariDataSource(config);
            } catch (RuntimeException e) {
                throw new SqlException("cannot open " + url + ": " + e.getMessage() + driverHint(url), e);
            }
            return new Database(pool, pool, d, listener, url);
        }

        private static String isolationName(int level) {
            return switch (level) {
                case Connection.TRANSACTION_READ_UNCOMMITTED -> "TRANSACTION_READ_UNCOMMITTED";
                case Connection.TRANSACTION_READ_COMMITTED -> "TRANSACTION_READ_COMMITTED";
                case Connection.TRANSACTION_REPEATABLE_READ -> "TRANSACTION_REPEATABLE_READ";
                default -> "TRANSACTION_SERIALIZABLE";
            };
        }

        /** Names the likely cause when no JDBC driver on the classpath accepts the URL. */
        private static String driverHint(String url) {
            try {
                java.sql.DriverManager.getDriver(url);
                return "";
            } catch (SQLException e) {
                return " (no JDBC driver on the classpath accepts this URL: add the database's driver jar)";
            }
        }

        private static String productName(DataSource ds) {
            try (Connection c = ds.getConnection()) {
                return c.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new SqlException("cannot read the database product from the DataSource: " + e.getMessage(), e);
            }
        }
    }
}
