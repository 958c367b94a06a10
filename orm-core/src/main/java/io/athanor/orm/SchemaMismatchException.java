package io.athanor.orm;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The database's schema differs from the entity mappings: thrown by {@link Schema#validate()} (and by
 * {@code SessionFactory.Builder.build()} with {@code validateSchema(true)}) with every difference at
 * once, each naming entity, property and column. {@link #notes()} holds what is not an error.
 */
public final class SchemaMismatchException extends OrmException {
    private final List<SchemaDifference> errors;
    private final List<SchemaDifference> notes;

    public SchemaMismatchException(List<SchemaDifference> errors, List<SchemaDifference> notes) {
        super(message(errors, notes));
        this.errors = List.copyOf(errors);
        this.notes = List.copyOf(notes);
    }

    /** The differences that keep the mapping from working, in entity and column order. */
    public List<SchemaDifference> errors() {
        return errors;
    }

    /** Columns the mappings do not know, which the ORM leaves alone. */
    public List<SchemaDifference> notes() {
        return notes;
    }

    private static String message(List<SchemaDifference> errors, List<SchemaDifference> notes) {
        return "the database schema differs from the entity mappings in " + errors.size()
                + (errors.size() == 1 ? " way" : " ways") + ":\n"
                + errors.stream().map(d -> "  - " + d).collect(Collectors.joining("\n"))
                + (notes.isEmpty() ? "" : "\nnotes (not errors):\n"
                        + notes.stream().map(d -> "  - " + d).collect(Collectors.joining("\n")))
                + "\nsf.schema().migrationScript() writes the DDL for missing tables and columns; the rest is by hand";
    }
}
