package io.athanor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.athanor.sql.dialect.SqliteDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** JDBC failures injected with Mockito: they surface as SqlException and release the connection. */
class TransactionFaultTest {
    @TempDir
    Path dir;

    @Test
    void aThrowingPrepareSurfacesAsSqlExceptionKeepingTheCause() throws Exception {
        SQLException boom = new SQLException("disk on fire", "58030");
        Connection connection = mock(Connection.class);
        when(connection.getAutoCommit()).thenReturn(true);
        when(connection.prepareStatement(anyString())).thenThrow(boom);
        DataSource ds = mock(DataSource.class);
        when(ds.getConnection()).thenReturn(connection);
        try (Database db = Database.builder().dataSource(ds).dialect(new SqliteDialect()).build()) {
            Transaction tx = db.begin();
            SqlException e = assertThrows(SqlException.class,
                    () -> tx.execute(Sql.deleteFrom(SqlCompilerTest.STUFF)));
            assertSame(boom, e.getCause());
            assertEquals("58030", e.sqlState());
            assertEquals("DELETE FROM \"stuff\"", e.sql());
            tx.close();
            verify(connection).rollback();
            verify(connection).setAutoCommit(true);
            verify(connection).close();
        }
    }

    @Test
    void aCommitThatFailsStillReturnsTheConnection() throws Exception {
        SQLiteDataSource real = new SQLiteDataSource();
        real.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        Connection connection = spy(real.getConnection());
        doThrow(new SQLException("commit lost")).when(connection).commit();
        DataSource ds = mock(DataSource.class);
        when(ds.getConnection()).thenReturn(connection);
        try (Database db = Database.builder().dataSource(ds).dialect(new SqliteDialect()).build()) {
            Transaction tx = db.begin();
            SqlException e = assertThrows(SqlException.class, tx::commit);
            assertEquals("commit lost", e.getCause().getMessage());
            verify(connection).close();
        }
    }

    @Test
    void aThrowingExecuteBatchSurfacesWithTheBatchSql() throws Exception {
        PreparedStatement ps = mock(PreparedStatement.class);
        when(ps.executeBatch()).thenThrow(new SQLException("batch failed"));
        Connection connection = mock(Connection.class);
        when(connection.getAutoCommit()).thenReturn(true);
        when(connection.prepareStatement(anyString())).thenReturn(ps);
        DataSource ds = mock(DataSource.class);
        when(ds.getConnection()).thenReturn(connection);
        try (Database db = Database.builder().dataSource(ds).dialect(new SqliteDialect()).build();
                Transaction tx = db.begin()) {
            CompiledSql c = db.compile(Sql.update(SqlCompilerTest.STUFF).set(SqlCompilerTest.FOO, Sql.param(0, Integer.class)));
            SqlException e = assertThrows(SqlException.class, () -> tx.executeBatch(c, java.util.List.<Object[]>of(new Object[] {1})));
            assertEquals("UPDATE \"stuff\" SET \"foo\" = ?", e.sql());
            verify(ps).close();
        }
    }
}
