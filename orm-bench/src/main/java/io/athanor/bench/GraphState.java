package io.athanor.bench;

import io.athanor.orm.SessionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W7 and W8's database: {@code customer} and {@code orders} (a foreign key), created by the ORM,
 * copied fresh before every measured call from a template (empty for W8, N orders in N/10
 * customers for W7), single-shot like the other workloads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public abstract class GraphState {
    private static final AtomicInteger COPIES = new AtomicInteger();

    /** Orders; customers are a tenth of them. */
    @Param({"10000"})
    @SuppressWarnings("checkstyle:MemberName")
    public int N; // NOPMD

    protected SessionFactory factory;
    private Path file;

    /** True when the template holds the rows (W7); false for empty tables (W8). */
    protected abstract boolean populated();

    @Setup(Level.Iteration)
    public void fresh() throws Exception {
        Path template = template(N, populated());
        file = template.resolveSibling("graph-" + ProcessHandle.current().pid() + "-" + COPIES.incrementAndGet() + ".db");
        Files.copy(template, file, StandardCopyOption.REPLACE_EXISTING);
        factory = factory(file);
        System.gc();
    }

    @TearDown(Level.Iteration)
    public void drop() throws Exception {
        finish();
        factory.close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + "-wal"));
        Files.deleteIfExists(Path.of(file + "-shm"));
    }

    /** Work after the measured call and before the factory closes (not measured). */
    protected void finish() throws Exception {
    }

    static SessionFactory factory(Path file) {
        return SessionFactory.builder().url("jdbc:sqlite:" + file).entities(BenchOrder.class, BenchCustomer.class).build();
    }

    private static synchronized Path template(int n, boolean populated) throws Exception {
        Path t = Files.createTempDirectory("athanor-graph").resolve("template-" + n + "-" + populated + ".db");
        try (SessionFactory sf = factory(t)) {
            sf.createTables();
            if (populated) {
                try (Connection c = sf.database().dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    try (PreparedStatement customers = c.prepareStatement("INSERT INTO customer (id, name) VALUES (?, ?)");
                         PreparedStatement orders = c.prepareStatement(
                                 "INSERT INTO orders (id, item, quantity, customer_id) VALUES (?, ?, ?, ?)")) {
                        for (long id = 1; id <= n / 10; id++) {
                            customers.setLong(1, id);
                            customers.setString(2, "customer " + id);
                            customers.addBatch();
                        }
                        customers.executeBatch();
                        for (long id = 1; id <= n; id++) {
                            orders.setLong(1, id);
                            orders.setString(2, "item " + id);
                            orders.setInt(3, (int) (id % 7));
                            orders.setLong(4, 1 + (id - 1) % (n / 10));
                            orders.addBatch();
                        }
                        orders.executeBatch();
                    }
                    c.commit();
                    c.setAutoCommit(true);
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                    }
                }
            }
        }
        Files.deleteIfExists(Path.of(t + "-wal"));
        Files.deleteIfExists(Path.of(t + "-shm"));
        t.toFile().deleteOnExit();
        return t;
    }
}
