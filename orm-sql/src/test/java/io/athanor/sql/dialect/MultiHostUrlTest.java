package io.athanor.sql.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.SqlException;
import io.athanor.sql.internal.Dialects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The URLs of replicated and clustered servers choose their dialect like any other: Connector/J's
 * high-availability modes (a Galera cluster through any node), MySQL Connector/J's, and pgjdbc's
 * multi-host URLs with {@code targetServerType} (a primary and its standbys).
 */
class MultiHostUrlTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:mariadb:sequential://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/test            | mariadb
            jdbc:mariadb:loadbalance://h1,h2,h3/db?connectTimeout=1000                              | mariadb
            jdbc:mariadb:load-balance-read://primary:3306,replica:3306/db                          | mariadb
            jdbc:mariadb:replication://primary,replica1,replica2/db                                 | mariadb
            jdbc:mariadb://address=(host=h1)(port=3306)(type=primary),address=(host=h2)(port=3306)/db | mariadb
            jdbc:mysql:loadbalance://h1:3306,h2:3306/db                                             | mysql
            jdbc:mysql:replication://source,replica/db                                              | mysql
            jdbc:mysql+srv://_mysql._tcp.example.com/db                                             | mysql
            jdbc:postgresql://127.0.0.1:5441,127.0.0.1:5442/test?targetServerType=primary           | postgresql
            jdbc:postgresql://h1:5432,h2:5432/db?targetServerType=preferSecondary&loadBalanceHosts=true | postgresql
            jdbc:postgresql://[::1]:5432,[::1]:5433/db?targetServerType=secondary                   | postgresql
            """)
    void multiHostUrlsChooseTheirServersDialect(String url, String dialect) {
        assertEquals(dialect, Dialects.forUrl(url, loader).name(), url);
    }

    @Test
    void aUrlNoDialectAcceptsIsRefusedNamingIt() {
        SqlException e = assertThrows(SqlException.class, () -> Dialects.forUrl("jdbc:tidb://h1,h2/db", loader));
        assertTrue(e.getMessage().contains("jdbc:tidb://h1,h2/db"), e.getMessage());
    }
}
