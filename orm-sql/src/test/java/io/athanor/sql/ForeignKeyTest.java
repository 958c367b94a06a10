package io.athanor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.ForeignKey.OnDelete;
import io.athanor.sql.dialect.MariaDbDialect;
import io.athanor.sql.dialect.PostgresDialect;
import io.athanor.sql.dialect.SqliteDialect;
import io.athanor.sql.internal.Ddl;
import io.athanor.sql.internal.TableCreation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Foreign key metadata, its checks, its DDL on each dialect and the creation order, without a database. */
class ForeignKeyTest {
    static final Table CUSTOMER = Table.builder("customer")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
            .column("code", String.class, ColumnOption.UNIQUE)
            .build();
    static final Table ORDERS = Table.builder("orders")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
            .column("customer_id", Long.class, ColumnOption.NOT_NULL)
            .column("customer_code", String.class)
            .foreignKey("customer_id", CUSTOMER, "id", OnDelete.CASCADE)
            .foreignKey("customer_code", CUSTOMER, "code", OnDelete.SET_NULL)
            .build();
    static final Table NODE = Table.builder("node")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY)
            .column("parent_id", Long.class)
            .foreignKeyToSelf("parent_id", "id", OnDelete.NO_ACTION)
            .build();

    @Test
    void aForeignKeyIsFoundFromItsTableAndFromItsColumn() {
        ForeignKey byId = ORDERS.foreignKeys().get(0);
        assertEquals(ORDERS.column("customer_id"), byId.column());
        assertEquals(CUSTOMER, byId.target());
        assertEquals(CUSTOMER.column("id"), byId.targetColumn());
        assertEquals(OnDelete.CASCADE, byId.onDelete());
        assertEquals(Optional.of(byId), ORDERS.column("customer_id").references());
        assertEquals(Optional.empty(), ORDERS.column("id").references());
        assertEquals(2, ORDERS.foreignKeys().size());
        assertFalse(byId.isSelfReference());
        assertEquals("orders.customer_id -> customer.id ON DELETE CASCADE", byId.toString());
    }

    @Test
    void aTableMayReferenceItself() {
        ForeignKey parent = NODE.foreignKeys().get(0);
        assertTrue(parent.isSelfReference());
        assertTrue(parent.target() == NODE, "the target is the table built, not a copy");
        assertEquals(NODE.column("id"), parent.targetColumn());
    }

    @Test
    void aReferencedColumnThatIsNotAKeyIsRefusedNamingBothColumns() {
        Table target = Table.builder("t").column("id", Long.class, ColumnOption.PRIMARY_KEY).column("n", Long.class).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .column("t_n", Long.class).foreignKey("t_n", target, "n", OnDelete.NO_ACTION).build());
        assertTrue(e.getMessage().contains("s.t_n") && e.getMessage().contains("t.n")
                && e.getMessage().contains("primary key or UNIQUE"), e.getMessage());
    }

    @Test
    void onePartOfACompositePrimaryKeyIsNotAKey() {
        Table target = Table.builder("t").column("a", Long.class, ColumnOption.PRIMARY_KEY)
                .column("b", Long.class, ColumnOption.PRIMARY_KEY).build();
        assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .column("t_a", Long.class).foreignKey("t_a", target, "a", OnDelete.NO_ACTION).build());
    }

    @Test
    void mismatchedTypesAreRefusedNamingBothColumnsAndTypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .column("c", Integer.class).foreignKey("c", CUSTOMER, "id", OnDelete.NO_ACTION).build());
        assertTrue(e.getMessage().contains("s.c (Integer)") && e.getMessage().contains("customer.id (Long)"), e.getMessage());
        Table dec = Table.builder("d").decimal("k", 10, 2, ColumnOption.PRIMARY_KEY).build();
        e = assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .decimal("k", 10, 3).foreignKey("k", dec, "k", OnDelete.NO_ACTION).build());
        assertTrue(e.getMessage().contains("BigDecimal(10,3)") && e.getMessage().contains("BigDecimal(10,2)"), e.getMessage());
        assertEquals(1, Table.builder("s").decimal("k", 10, 2).foreignKey("k", dec, "k", OnDelete.NO_ACTION).build()
                .foreignKeys().size());
        assertThrows(IllegalArgumentException.class, () -> Table.builder("s").column("k", BigDecimal.class)
                .foreignKey("k", dec, "k", OnDelete.NO_ACTION).build());
    }

    @Test
    void missingColumnsAreRefusedNamingWhatExists() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .column("c", Long.class).foreignKey("nope", CUSTOMER, "id", OnDelete.NO_ACTION).build());
        assertTrue(e.getMessage().contains("no column nope") && e.getMessage().contains("[c]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .column("c", Long.class).foreignKey("c", CUSTOMER, "nope", OnDelete.NO_ACTION).build());
        assertTrue(e.getMessage().contains("target has no column nope") && e.getMessage().contains("[id, code]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .column("c", Long.class).foreignKeyToSelf("c", "nope", OnDelete.NO_ACTION).build());
    }

    @Test
    void setNullOnANotNullColumnIsRefusedWhenTheTableIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .column("c", Long.class, ColumnOption.NOT_NULL).foreignKey("c", CUSTOMER, "id", OnDelete.SET_NULL).build());
        assertTrue(e.getMessage().contains("SET NULL") && e.getMessage().contains("s.c is NOT NULL"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .column("c", Long.class, ColumnOption.PRIMARY_KEY).foreignKey("c", CUSTOMER, "id", OnDelete.SET_NULL).build());
    }

    @Test
    void aGeneratedColumnOrASecondKeyOnOneColumnIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .column("c", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
                .foreignKey("c", CUSTOMER, "id", OnDelete.NO_ACTION).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .column("c", Long.class).foreignKey("c", CUSTOMER, "id", OnDelete.NO_ACTION)
                .foreignKey("c", CUSTOMER, "id", OnDelete.CASCADE).build());
        assertTrue(e.getMessage().contains("two foreign keys"), e.getMessage());
    }

    @Test
    void foreignKeysDoNotChangeWhichTableAStatementReads() {
        // A metamodel's table has no foreign keys (it cannot refer to tables initialized after it);
        // the ORM's has them. A column of one must be usable in a statement that reads the other.
        Table plain = Table.builder("node").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("parent_id", Long.class).build();
        assertEquals(plain, NODE);
        assertNotEquals(plain.foreignKeys(), NODE.foreignKeys());
        assertEquals("SELECT \"id\" FROM \"node\" WHERE \"parent_id\" IS NULL",
                io.athanor.sql.internal.SqlCompiler.compile(new SqliteDialect(), Sql.select(plain.column("id")).from(NODE)
                        .where(plain.column("parent_id").isNull())).sql());
        assertEquals(NODE, Table.builder("node").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("parent_id", Long.class).foreignKeyToSelf("parent_id", "id", OnDelete.NO_ACTION).build());
    }

    @Test
    void eachDialectWritesTheKeysAfterThePrimaryKeyWithItsQuotes() {
        assertEquals("CREATE TABLE IF NOT EXISTS \"orders\" (\"id\" BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,"
                + " \"customer_id\" BIGINT NOT NULL, \"customer_code\" TEXT, PRIMARY KEY (\"id\"),"
                + " FOREIGN KEY (\"customer_id\") REFERENCES \"customer\" (\"id\") ON DELETE CASCADE,"
                + " FOREIGN KEY (\"customer_code\") REFERENCES \"customer\" (\"code\") ON DELETE SET NULL)",
                Ddl.createTable(new PostgresDialect(), ORDERS));
        assertEquals("CREATE TABLE IF NOT EXISTS `orders` (`id` BIGINT AUTO_INCREMENT NOT NULL,"
                + " `customer_id` BIGINT NOT NULL, `customer_code` VARCHAR(255) CHARACTER SET utf8mb4, PRIMARY KEY (`id`),"
                + " FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`) ON DELETE CASCADE,"
                + " FOREIGN KEY (`customer_code`) REFERENCES `customer` (`code`) ON DELETE SET NULL)",
                Ddl.createTable(new MariaDbDialect(), ORDERS));
        assertEquals("CREATE TABLE IF NOT EXISTS \"node\" (\"id\" INTEGER CONSTRAINT \"node_id_int64\""
                + " CHECK (typeof(\"id\") IN ('integer', 'null')) NOT NULL, \"parent_id\" INTEGER CONSTRAINT"
                + " \"node_parent_id_int64\" CHECK (typeof(\"parent_id\") IN ('integer', 'null')), PRIMARY KEY (\"id\"),"
                + " FOREIGN KEY (\"parent_id\") REFERENCES \"node\" (\"id\"))",
                Ddl.createTable(new SqliteDialect(), NODE));
    }

    @Test
    void aKeyLeftOutOfCreateTableIsAddedByAlterTable() {
        ForeignKey fk = ORDERS.foreignKeys().get(0);
        String ddl = Ddl.createTable(new PostgresDialect(), ORDERS, Set.of(fk));
        assertFalse(ddl.contains("REFERENCES \"customer\" (\"id\")"), ddl);
        assertTrue(ddl.contains("REFERENCES \"customer\" (\"code\")"), ddl);
        assertEquals("ALTER TABLE `orders` ADD FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`) ON DELETE CASCADE",
                Ddl.addForeignKey(new MariaDbDialect(), fk));
    }

    @Test
    void referencedTablesComeFirstWhateverTheArgumentOrder() {
        Table line = Table.builder("line").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("order_id", Long.class).foreignKey("order_id", ORDERS, "id", OnDelete.CASCADE).build();
        TableCreation plan = TableCreation.plan(new PostgresDialect(), line, NODE, ORDERS, CUSTOMER, line);
        assertEquals(List.of(CUSTOMER, ORDERS, line, NODE), plan.order());
        assertEquals(Set.of(), plan.deferred());
    }

    @Test
    void aCycleIsClosedByALaterAlterExceptWhereCreateTableAcceptsForwardReferences() {
        Table.Builder ab = Table.builder("a").column("id", Long.class, ColumnOption.PRIMARY_KEY).column("b_id", Long.class);
        Table.Builder bb = Table.builder("b").column("id", Long.class, ColumnOption.PRIMARY_KEY).column("a_id", Long.class);
        ab.foreignKey("b_id", bb, "id", OnDelete.SET_NULL);
        bb.foreignKey("a_id", ab, "id", OnDelete.CASCADE);
        List<Table> built = Table.buildAll(ab, bb);
        Table a = built.get(0);
        Table b = built.get(1);
        assertTrue(a.foreignKeys().get(0).target() == b && b.foreignKeys().get(0).target() == a);
        TableCreation plan = TableCreation.plan(new PostgresDialect(), a, b);
        assertEquals(List.of(b, a), plan.order());
        assertEquals(Set.of(b.foreignKeys().get(0)), plan.deferred());
        assertEquals(List.of(a, b), TableCreation.plan(new MariaDbDialect(), b, a).order());
        assertEquals(Set.of(), TableCreation.plan(new SqliteDialect(), a, b).deferred());
    }

    @Test
    void aKeyToATableNotBuiltYetNeedsBuildAll() {
        Table.Builder later = Table.builder("later").column("id", Long.class, ColumnOption.PRIMARY_KEY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Table.builder("s")
                .column("c", Long.class).foreignKey("c", later, "id", OnDelete.NO_ACTION).build());
        assertTrue(e.getMessage().contains("later is not built yet") && e.getMessage().contains("Table.buildAll"),
                e.getMessage());
    }

    @Test
    void twoDifferentTablesOfOneNameAreRefused() {
        Table other = Table.builder("customer").column("id", Long.class, ColumnOption.PRIMARY_KEY).build();
        assertThrows(IllegalArgumentException.class, () -> TableCreation.plan(new PostgresDialect(), CUSTOMER, other));
    }
}
