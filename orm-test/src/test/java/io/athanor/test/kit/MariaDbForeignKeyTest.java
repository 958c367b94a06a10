package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kit's {@link ForeignKeySuite} on MariaDB (skipped when the server does not answer). */
class MariaDbForeignKeyTest extends ForeignKeySuite {
    @Override
    protected KitTarget target() {
        return KitTargets.mariadb();
    }

    /** Only InnoDB enforces foreign keys (MyISAM parses and ignores them); the DDL relies on the default engine. */
    @Test
    void tablesAreCreatedWithTheDefaultEngineInnoDb() throws SQLException {
        Set<String> engines = new HashSet<>();
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT ENGINE FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'kit\\_fk\\_%'")) {
            while (rs.next()) {
                engines.add(rs.getString(1));
            }
        }
        assertEquals(Set.of("InnoDB"), engines);
    }
}
