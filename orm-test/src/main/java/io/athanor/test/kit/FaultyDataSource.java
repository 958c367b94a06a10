package io.athanor.test.kit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over a real one that counts every JDBC call made through it (on the data
 * source, its connections, statements and result sets) and makes call number {@link #failAt} throw
 * an {@link SQLException}. The call that fails is not made, except {@code close()}, which is made
 * and then reported as failed, as a driver does when the release itself goes wrong (so connections
 * still go back to the pool). With {@code failAt} 0 it only counts, which tells a test how many
 * calls a scenario makes so that it can then fail each one in turn.
 *
 * <p>Thread-safe counting; meant for one scenario at a time.
 */
public final class FaultyDataSource {
    private static final Set<Class<?>> WRAPPED = Set.of(Connection.class, Statement.class, PreparedStatement.class,
            ResultSet.class, DatabaseMetaData.class);

    private final DataSource real;
    private final AtomicLong calls = new AtomicLong();
    private volatile long failAt;
    private volatile String failedCall;

    public FaultyDataSource(DataSource real) {
        this.real = real;
    }

    /** The data source to give to {@code Database.builder().dataSource(...)}. */
    public DataSource dataSource() {
        return wrap(real, DataSource.class);
    }

    /** Starts counting from zero and fails call {@code n} (1-based; 0: never). */
    public void failAt(long n) {
        calls.set(0);
        failedCall = null;
        failAt = n;
    }

    /** The calls counted since {@link #failAt}. */
    public long calls() {
        return calls.get();
    }

    /** The call that was made to fail, e.g. {@code Connection.commit}, or null if none was reached. */
    public String failedCall() {
        return failedCall;
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(Object target, Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> invoke(target, method, args);
        return (T) Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private Object invoke(Object target, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.getName().equals("equals") ? Boolean.valueOf(args[0] == target) : call(target, method, args);
        }
        long n = calls.incrementAndGet();
        boolean fail = n == failAt;
        String name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (fail && !method.getName().equals("close")) {
            failedCall = name;
            throw new SQLException("injected fault at JDBC call " + n + ": " + name, "08006");
        }
        Object result = call(target, method, args);
        if (fail) {
            failedCall = name;
            throw new SQLException("injected fault at JDBC call " + n + ": " + name + " (after it ran)", "08006");
        }
        Class<?> returned = method.getReturnType();
        return result != null && WRAPPED.contains(returned) ? wrap(result, returned) : result;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
