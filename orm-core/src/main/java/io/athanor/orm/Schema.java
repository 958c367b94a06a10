package io.athanor.orm;

import io.athanor.orm.internal.OrmContext;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.sql.Table;
import io.athanor.sql.schema.MigrationScript;
import io.athanor.sql.schema.SchemaComparison;
import io.athanor.sql.schema.SchemaReader;
import io.athanor.sql.schema.TableDifference;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entity mappings of a {@link SessionFactory} against the schema of its database, read from the
 * database's catalog each time it is asked ({@link SessionFactory#schema()}).
 *
 * <pre>{@code
 * sf.schema().validate();                     // throws SchemaMismatchException listing every difference
 * String ddl = sf.schema().migrationScript(); // new tables and columns, for review; never executed
 * }</pre>
 *
 * What is compared, per dialect, and the script's rules are in docs/schema.md. Foreign keys are
 * compared where the mapped tables declare them (entities declare none yet).
 */
public final class Schema {
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
    private final OrmContext context;

    Schema(OrmContext context) {
        this.context = context;
    }

    /** Every difference, errors and notes, of every mapped entity, in registration and column order. */
    public List<SchemaDifference> differences() {
        List<SchemaDifference> out = new ArrayList<>();
        for (Compared c : compare()) {
            for (TableDifference d : c.differences()) {
                out.add(describe(c.mapping(), d));
            }
        }
        return out;
    }

    /**
     * Checks that the database holds every mapped table and column, with a type that can hold the
     * property's Java type, the mapping's nullability, primary key and unique columns.
     *
     * @return the notes: columns the mappings do not know (also logged at INFO); the ORM leaves them alone
     * @throws SchemaMismatchException listing every error at once
     */
    public List<SchemaDifference> validate() {
        List<SchemaDifference> errors = new ArrayList<>();
        List<SchemaDifference> notes = new ArrayList<>();
        for (SchemaDifference d : differences()) {
            (d.isNote() ? notes : errors).add(d);
        }
        notes.forEach(n -> LOG.info("schema note: {}", n));
        if (!errors.isEmpty()) {
            throw new SchemaMismatchException(errors, notes);
        }
        return List.copyOf(notes);
    }

    /**
     * The non-destructive DDL that brings the database to the mappings: CREATE TABLE for missing tables,
     * ALTER TABLE ADD COLUMN for missing columns (NOT NULL ones with a stated DEFAULT), and comment
     * lines for what must be changed by hand. Returned as text, never executed; empty when the
     * schema already matches (see docs/schema.md for the rules and defaults).
     */
    public String migrationScript() {
        Map<io.athanor.sql.Table, List<TableDifference>> byTable = new java.util.LinkedHashMap<>();
        for (Compared c : compare()) {
            byTable.put(c.mapping().table(), c.differences());
        }
        return MigrationScript.forTables(context.database().dialect(), byTable);
    }

    private List<Compared> compare() {
        return context.database().inTransaction(tx -> {
            try {
                SchemaReader reader = new SchemaReader(tx.connection(), context.database().dialect());
                List<Compared> out = new ArrayList<>();
                for (EntityMapping<?> m : context.mappings()) {
                    Table t = m.table();
                    out.add(new Compared(m, SchemaComparison.compare(context.database().dialect(), t, reader.read(t.name()))));
                }
                return out;
            } catch (SQLException e) {
                throw new OrmException("cannot read the database's catalog to compare it with the mappings: "
                        + e.getMessage(), e);
            }
        });
    }

    private static SchemaDifference describe(EntityMapping<?> m, TableDifference d) {
        String property = null;
        if (d.column() != null && !d.isNote()) {
            PropertyMapping p = m.property(m.table().column(d.column()));
            property = p == null ? null : p.name();
        }
        return new SchemaDifference(m.name(), property, d.table(), d.column(), d.kind(), d.detail());
    }

    private record Compared(EntityMapping<?> mapping, List<TableDifference> differences) {
    }
}
