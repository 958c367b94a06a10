package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.athanor.sql.Sql;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kit's {@link GeneratedKeySuite} on PostgreSQL (skipped when the server does not answer), and
 * keys reserved from the sequence of key columns Athanor did not create: an identity GENERATED
 * ALWAYS (which needs OVERRIDING SYSTEM VALUE) and a serial; the sequence goes on past the reserved keys.
 */
class PostgresGeneratedKeyTest extends GeneratedKeySuite {
    @Override
    protected KitTarget target() {
        return KitTargets.postgresql();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BIGINT GENERATED ALWAYS AS IDENTITY", "BIGSERIAL"})
    void keysComeFromTheSequenceOfAnyGeneratedKeyColumn(String keyType) throws Exception {
        db.inTransaction(tx -> {
            try (Statement s = tx.connection().createStatement()) {
                s.execute("DROP TABLE kit_keyed");
                s.execute("CREATE TABLE kit_keyed (id " + keyType + " PRIMARY KEY, foo INTEGER, name TEXT)");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            rows.add(new Object[] {i, "r" + i});
        }
        List<Long> keys = db.inTransaction(tx -> tx.insertReturningKeys(Sql.insertInto(KEYED).set(FOO, Sql.param(0, Integer.class))
                .set(NAME, Sql.param(1, String.class)), rows, ID));
        for (int i = 0; i < rows.size(); i += 37) {
            assertEquals(List.of("r" + i), db.query(Sql.select(NAME).from(KEYED).where(ID.eq(keys.get(i))), r -> r.get(NAME)));
        }
        long next = db.inTransaction(tx -> tx.insertReturningKeys(Sql.insertInto(KEYED).set(FOO, 1).set(NAME, "after"),
                List.<Object[]>of(new Object[0]), ID).get(0));
        assertEquals(keys.stream().mapToLong(Long::longValue).max().orElseThrow() + 1, next, "the sequence went past the reserved keys");
    }
}
