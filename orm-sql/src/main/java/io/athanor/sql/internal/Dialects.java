package io.athanor.sql.internal;

import io.athanor.sql.SqlException;
import io.athanor.sql.spi.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Predicate;

/** Finds the dialect for a JDBC URL or database product among those registered with ServiceLoader. */
public final class Dialects {
    private Dialects() {
    }

    public static Dialect forUrl(String jdbcUrl, ClassLoader loader) {
        return find(d -> d.acceptsUrl(jdbcUrl), "JDBC URL " + jdbcUrl, loader);
    }

    public static Dialect forProduct(String productName, ClassLoader loader) {
        return find(d -> d.acceptsProduct(productName), "database product " + productName, loader);
    }

    private static Dialect find(Predicate<Dialect> accepts, String what, ClassLoader loader) {
        List<String> found = new ArrayList<>();
        for (Dialect d : ServiceLoader.load(Dialect.class, loader)) {
            if (accepts.test(d)) {
                return d;
            }
            found.add(d.name() + " (" + d.getClass().getName() + ")");
        }
        throw new SqlException("no dialect accepts " + what + "; dialects found: " + found
                + ". Register one in META-INF/services/" + Dialect.class.getName() + " or pass it with Database.builder().dialect(...)");
    }
}
