package io.athanor.sql.dialect;

import io.athanor.sql.StatementKind;
import java.util.EnumSet;

/**
 * MySQL: MariaDB's SQL without RETURNING, so FETCH selects the keys first and generated keys come
 * back through JDBC. Chosen for {@code jdbc:mysql:} URLs (with MySQL Connector/J's
 * {@code loadbalance:} and {@code replication:} modes) and {@code jdbc:mysql+srv:} (DNS SRV), and the
 * product name "MySQL". Not tested
 * against a MySQL server in this project's CI (none runs here); MariaDB's tests cover the SQL.
 */
public class MySqlDialect extends MariaDbDialect {
    public MySqlDialect() {
        super("mysql", EnumSet.noneOf(StatementKind.class));
    }

    @Override
    public boolean acceptsUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mysql+srv:");
    }

    @Override
    public boolean acceptsProduct(String databaseProductName) {
        return "MySQL".equalsIgnoreCase(databaseProductName);
    }

    /** MySQL refuses a subquery on the table an UPDATE or DELETE writes (error 1093); MariaDB allows it since 10.3. */
    @Override
    public boolean subqueryMayReadWrittenTable() {
        return false;
    }
}
