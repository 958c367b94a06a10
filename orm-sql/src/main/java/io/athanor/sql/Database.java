package io.athanor.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.athanor.sql.internal.Ddl;
import io.athanor.sql.internal.Dialects;
import io.athanor.sql.internal.SqlCompiler;
import io.athanor.sql.spi.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
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

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final Dialect dialect;
    private final StatementListener listener;

    private Database(DataSource dataSource, HikariDataSource ownedPool, Dialect dialect, StatementListener listener) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.dialect = dialect;
        this.listener = listener;
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

    /** Starts a transaction on a connection of its own. Close it (try-with-resources). */
    public Transaction begin() {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            return new Transaction(this, c, autoCommit);
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new SqlException("cannot start a transaction: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
    public <R> R inTransaction(Function<Transaction, R> work) {
        try (Transaction tx = begin()) {
            R result = work.apply(tx);
            tx.commit();
            return result;
        }
    }

    /** Runs one DML statement in a transaction of its own; returns the row count. */
    public long execute(Statement statement) {
        return inTransaction(tx -> tx.execute(statement));
    }

    /** Runs one query in a transaction of its own and maps every row. */
    public <R> List<R> query(Statement statement, RowMapper<R> mapper) {
        return inTransaction(tx -> tx.query(statement, mapper));
    }

    /** Compiles a statement for this database's dialect: SQL text plus what is bound to each marker. */
    public CompiledSql compile(Statement statement) {
        return SqlCompiler.compile(dialect, statement);
    }

    /** The CREATE TABLE statement for {@code table} in this dialect. */
    public String createTableSql(Table table) {
        return Ddl.createTable(dialect, table);
    }

    /** Creates each table unless it exists. */
    public void createTables(Table... tables) {
        inTransaction(tx -> {
            for (Table t : tables) {
                String ddl = createTableSql(t);
                announce(ddl, null, 1, List.of());
                try (java.sql.Statement s = tx.connection().createStatement()) {
                    s.execute(ddl);
                } catch (SQLException e) {
                    throw new SqlException("cannot create table " + t.name() + ": " + e.getMessage(), ddl, e);
                }
            }
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

    private void announce(String sql, StatementKind kind, int rows, List<Object> values) {
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
                return new Database(dataSource, null, d, listener);
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
            HikariDataSource pool;
            try {
                pool = new HikariDataSource(config);
            } catch (RuntimeException e) {
                throw new SqlException("cannot open " + url + ": " + e.getMessage() + driverHint(url), e);
            }
            return new Database(pool, pool, d, listener);
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
