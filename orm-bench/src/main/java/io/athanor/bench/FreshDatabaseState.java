package io.athanor.bench;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The common shape of every workload: single-shot (each measured call is one whole transaction),
 * a fresh copy of the N-row file before each call (not measured), torn down after it. Subclasses
 * hold the ORM method(s) and the JDBC floor method(s) of one workload.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public abstract class FreshDatabaseState {
    @Param({"10000", "100000"})
    @SuppressWarnings("checkstyle:MemberName")
    public int N; // NOPMD: named as in the issue, so the command line says -p N=10000

    protected BenchDatabase.Fresh db;

    @Setup(Level.Iteration)
    public void freshFile(BenchmarkParams params) throws Exception {
        db = BenchDatabase.fresh(N);
        prepare(params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1));
        // Start each measured call with an empty young generation, for ORM and JDBC alike.
        System.gc();
    }

    /** Work before the measured call that belongs to the setup (W3 loads its 1,000 objects here). */
    protected void prepare(String method) throws Exception {
    }

    @TearDown(Level.Iteration)
    public void dropFile() throws Exception {
        cleanup();
        db.close();
    }

    protected void cleanup() throws Exception {
    }
}
