package io.athanor.sql.internal;

import io.athanor.sql.ConstraintViolationException;
import io.athanor.sql.ConstraintViolationException.Kind;
import io.athanor.sql.SqlException;
import io.athanor.sql.dialect.MariaDbDialect;
import io.athanor.sql.spi.Dialect;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one place where a JDBC {@link SQLException} becomes an Athanor exception: a
 * {@link ConstraintViolationException} for integrity violations, a retryable {@link SqlException}
 * for lost races (serialization failures, deadlocks, lock wait timeouts, SQLite BUSY), a plain
 * one otherwise. Recognizes standard SQLStates first, then the vendor codes of the built-in
 * drivers (by the exception's class, so a driver that is absent is never loaded).
 */
public final class JdbcFailures {
    private static final String RETRY_HINT = " (this transaction lost a race with another one: retryable;"
            + " SessionFactory.inTransaction rolls back and runs such work again)";
    private static final Pattern BACKQUOTED_CONSTRAINT = Pattern.compile("CONSTRAINT `([^`]+)`");
    private static final Pattern PGJDBC_BATCH_ENTRY = Pattern.compile("^Batch entry (\\d+) ");
    private static final Pattern QUOTED_COLUMN = Pattern.compile("Column '([^']+)' cannot be null");

    private JdbcFailures() {
    }

    /**
     * The Athanor exception for {@code e}, raised while running {@code sql} (null outside a
     * statement) on a database of {@code dialect} (which tells MariaDB's error numbers from others').
     */
    public static SqlException translate(String sql, SQLException e, Dialect dialect) {
        SQLiteException sqlite = find(e, SQLiteException.class);
        if (sqlite != null && sqlite.getResultCode() != null) {
            SqlException s = sqlite(sql, e, sqlite);
            if (s != null) {
                return s;
            }
        }
        List<SQLException> chain = chain(e);
        // MariaDB's Connector/J throws java.sql exception classes; its error numbers mean something only there.
        boolean mariaDb = dialect instanceof MariaDbDialect || chain.stream().anyMatch(JdbcFailures::isMariaDb);
        SQLException first = chain.stream().filter(x -> x.getSQLState() != null && (!mariaDb || x.getErrorCode() != 0))
                .findFirst().orElse(chain.stream().filter(x -> x.getSQLState() != null).findFirst().orElse(e));
        String state = first.getSQLState();
        int errno = first.getErrorCode();
        Kind kind = mariaDb && mariaDbConstraint(errno) != null ? mariaDbConstraint(errno)
                : state != null && state.startsWith("23") ? kind(state) : null;
        if (kind != null && dialect != null) {
            kind = dialect.constraintKind(first, kind);
        }
        if (kind != null) {
            String name = mariaDb ? mariaDbConstraintName(kind, chain) : postgresConstraintName(chain, kind);
            if (name == null && dialect != null) {
                name = dialect.constraintName(first, kind);
            }
            return new ConstraintViolationException(describe(kind, name), sql, e, kind, name);
        }
        if (retryable(state, errno, mariaDb, first) || lostBeforeCommit(state, sql)) {
            return new SqlException(e.getMessage() + RETRY_HINT, sql, e, true);
        }
        return new SqlException(e.getMessage(), sql, e);
    }

    /** See {@link SqlException#failedRow()}. */
    public static int failedRow(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BatchUpdateException b && b.getUpdateCounts() != null) {
                int[] counts = b.getUpdateCounts();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == Statement.EXECUTE_FAILED) {
                        // pgjdbc marks every row of an aborted batch failed; its message names the entry.
                        Matcher m = i == 0 && b.getMessage() != null ? PGJDBC_BATCH_ENTRY.matcher(b.getMessage()) : null;
                        return m != null && m.find() ? Integer.parseInt(m.group(1)) : i;
                    }
                }
                // Drivers that stop at the failed statement report the counts of the ones before it.
                return counts.length;
            }
        }
        return -1;
    }

    /** SQLite's result codes: BUSY and BUSY_SNAPSHOT are lost races, CONSTRAINT_* violations. */
    private static SqlException sqlite(String sql, SQLException e, SQLiteException s) {
        SQLiteErrorCode code = s.getResultCode();
        switch (code) {
            case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_TIMEOUT:
                return new SqlException("SQLite write conflict (" + code.name() + "): another connection held the "
                        + "database's write lock and this transaction could not wait for it (SQLite does not wait for "
                        + "a transaction that has already read, and waits at most busy_timeout otherwise). Roll back "
                        + "and run the transaction again: SessionFactory.inTransaction does that, and begins its "
                        + "transactions as writers, which wait their turn instead", sql, e, true);
            case SQLITE_BUSY_SNAPSHOT:
                return new SqlException("SQLite write conflict (SQLITE_BUSY_SNAPSHOT): another connection committed "
                        + "a write after this transaction began reading, so what it read is stale and it may not "
                        + "write. Roll back and run the transaction again: SessionFactory.inTransaction does that, and "
                        + "begins its transactions as writers, which cannot go stale", sql, e, true);
            default:
                break;
        }
        Kind kind = switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_ROWID -> Kind.UNIQUE;
            case SQLITE_CONSTRAINT_FOREIGNKEY -> Kind.FOREIGN_KEY;
            case SQLITE_CONSTRAINT_NOTNULL -> Kind.NOT_NULL;
            case SQLITE_CONSTRAINT_CHECK -> Kind.CHECK;
            case SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_TRIGGER, SQLITE_CONSTRAINT_DATATYPE -> Kind.OTHER;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        String name = sqliteConstraintName(s.getMessage());
        return new ConstraintViolationException(describe(kind, name), sql, e, kind, name);
    }

    /** SQLite's text ends {@code "... constraint failed: account.email)"} for unique, NOT NULL and CHECK. */
    private static String sqliteConstraintName(String message) {
        int at = message == null ? -1 : message.lastIndexOf("constraint failed: ");
        if (at < 0) {
            return null;
        }
        String rest = message.substring(at + "constraint failed: ".length());
        return rest.endsWith(")") ? rest.substring(0, rest.length() - 1) : rest;
    }

    private static Kind kind(String state) {
        return switch (state) {
            case "23505" -> Kind.UNIQUE;
            case "23503" -> Kind.FOREIGN_KEY;
            case "23502" -> Kind.NOT_NULL;
            case "23514" -> Kind.CHECK;
            default -> Kind.OTHER;
        };
    }

    /** MariaDB/MySQL report most violations as SQLState 23000; the error number tells which. */
    private static Kind mariaDbConstraint(int errno) {
        return switch (errno) {
            case 1062, 1586 -> Kind.UNIQUE;
            case 1451, 1452, 1216, 1217 -> Kind.FOREIGN_KEY;
            case 1048 -> Kind.NOT_NULL;
            case 4025, 3819 -> Kind.CHECK;
            default -> null;
        };
    }

    /** From MariaDB's text, taking care to skip the duplicate value it quotes ({@code Duplicate entry 'v' for key 'k'}). */
    private static String mariaDbConstraintName(Kind kind, List<SQLException> chain) {
        for (SQLException e : chain) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (kind == Kind.UNIQUE) {
                int at = m.lastIndexOf(" for key '");
                if (at >= 0 && m.endsWith("'")) {
                    return m.substring(at + " for key '".length(), m.length() - 1);
                }
            } else {
                Matcher c = (kind == Kind.NOT_NULL ? QUOTED_COLUMN : BACKQUOTED_CONSTRAINT).matcher(m);
                if (c.find()) {
                    return c.group(1);
                }
            }
        }
        return null;
    }

    /**
     * pgjdbc's {@code ServerErrorMessage} names the constraint (the column, for NOT NULL). Read by
     * reflection because the driver is optional and may live in another class loader.
     */
    private static String postgresConstraintName(List<SQLException> chain, Kind kind) {
        for (SQLException t : chain) {
            if (t.getClass().getName().startsWith("org.postgresql.")) {
                try {
                    Object server = t.getClass().getMethod("getServerErrorMessage").invoke(t);
                    if (server != null) {
                        Object name = server.getClass().getMethod(kind == Kind.NOT_NULL ? "getColumn" : "getConstraint")
                                .invoke(server);
                        return name == null ? null : name.toString();
                    }
                } catch (ReflectiveOperationException | RuntimeException notPgjdbc) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String describe(Kind kind, String name) {
        if (kind == Kind.NOT_NULL) {
            return "NOT NULL constraint violated" + (name == null ? "" : ": column " + name + " cannot be null");
        }
        return kind.text() + " constraint " + (name == null ? "" : name + " ") + "violated";
    }

    /**
     * 40001 serialization failure (also MariaDB's deadlock and Galera's certification conflict, errno
     * 1213), 40P01 deadlock, 55P03 lock not available; MariaDB 1205 lock wait timeout; MariaDB 1047
     * from a Galera node that is not (yet) part of the primary component (WSREP).
     */
    private static boolean retryable(String state, int errno, boolean mariaDb, SQLException e) {
        if ("40001".equals(state) || "40P01".equals(state) || "55P03".equals(state)) {
            return true;
        }
        if (!mariaDb) {
            return false;
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toUpperCase(Locale.ROOT);
        return errno == 1213 || errno == 1205 || errno == 1047 && m.contains("WSREP");
    }

    /**
     * SQLState 25S03, "transaction rolled back": Connector/J's failover modes (sequential, loadbalance)
     * say it when the server under a transaction went away and the driver reconnected to another
     * ("In progress transaction was lost"). When a statement of the transaction failed ({@code sql}
     * is that statement) the COMMIT was never sent, so nothing of it was kept and running it again is
     * safe. When the COMMIT itself failed ({@code sql} is COMMIT, or null outside a statement) the old
     * server may have committed before it went: not retryable, since running it again could do the
     * work twice.
     */
    private static boolean lostBeforeCommit(String state, String sql) {
        return "25S03".equals(state) && sql != null && !"COMMIT".equalsIgnoreCase(sql.strip());
    }

    private static boolean isMariaDb(SQLException e) {
        String n = e.getClass().getName();
        return n.startsWith("org.mariadb.") || n.startsWith("com.mysql.");
    }

    /** {@code e}, its causes and next exceptions (batch drivers chain the real failure either way), each once. */
    private static List<SQLException> chain(SQLException e) {
        List<SQLException> out = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>(List.of(e));
        while (!todo.isEmpty() && out.size() < 32) {
            Throwable t = todo.removeFirst();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException s) {
                out.add(s);
                if (s.getNextException() != null) {
                    todo.addLast(s.getNextException());
                }
            }
            if (t.getCause() != null) {
                todo.addLast(t.getCause());
            }
        }
        return out;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
