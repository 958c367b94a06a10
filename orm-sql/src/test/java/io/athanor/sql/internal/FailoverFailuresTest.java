package io.athanor.sql.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.dialect.MariaDbDialect;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/**
 * A transaction that Connector/J's failover lost (SQLState 25S03, as it throws after reconnecting to
 * another Galera node) is retryable when a statement before the COMMIT failed, and not when the
 * COMMIT itself did: then the old node may have committed, and running the work again could do it
 * twice. The cluster suite's node-loss test meets both for real; the messages here are Connector/J's.
 */
class FailoverFailuresTest {
    private static final MariaDbDialect MARIADB = new MariaDbDialect();

    @Test
    void aTransactionLostBeforeItsCommitIsRetryable() {
        var lost = new SQLTransientConnectionException("Driver has reconnect connection after a communications link "
                + "failure with 127.0.0.1:3313. In progress transaction was lost", "25S03");
        assertTrue(JdbcFailures.translate("INSERT INTO `kit_stuff` (`foo`) VALUES (?)", lost, MARIADB).isRetryable());
    }

    @Test
    void aTransactionLostDuringItsCommitIsNot() {
        var lost = new SQLTransientConnectionException("Driver has reconnect connection after a communications "
                + "failure with 127.0.0.1:3313 during a COMMIT statement", "25S03");
        assertFalse(JdbcFailures.translate("COMMIT", lost, MARIADB).isRetryable());
        assertFalse(JdbcFailures.translate(null, lost, MARIADB).isRetryable());
    }
}
