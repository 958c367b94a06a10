package io.athanor.orm.processor;

import io.athanor.orm.processor.EntityReader.CollectionModel;
import io.athanor.orm.processor.EntityReader.EntityModel;
import io.athanor.orm.processor.EntityReader.PropertyModel;

/**
 * Renders the Java source of a metamodel class from an {@link EntityModel}. Plain string building:
 * the class has one shape, which does not justify a code-generation dependency.
 *
 * <p>Type names are written fully qualified (also {@code java.lang} ones), so that a class of the
 * same simple name in the entity's package cannot capture them; they appear only in type contexts
 * (type arguments, class literals), where a field of the same name cannot obscure them.
 */
final class MetamodelSource {
    private MetamodelSource() {
    }

    /** The source of the metamodel class {@code simpleName} for {@code entity}. */
    static String render(EntityModel entity, String simpleName) {
        StringBuilder s = new StringBuilder(1024);
        if (!entity.packageName().isEmpty()) {
            s.append("package ").append(entity.packageName()).append(";\n\n");
        }
        s.append("import io.athanor.sql.Column;\n")
                .append("import io.athanor.sql.ColumnOption;\n")
                .append("import io.athanor.sql.Table;\n\n")
                .append("/** Metamodel of {@link ").append(entity.qualifiedName())
                .append("}: its table and one typed column per mapped property. Generated; do not edit. */\n")
                .append("@javax.annotation.processing.Generated(\"").append(MetamodelProcessor.class.getName())
                .append("\")\n")
                .append("public final class ").append(simpleName).append(" {\n")
                .append("    private ").append(simpleName).append("() {}\n")
                .append("    public static final Table TABLE = Table.builder(").append(literal(entity.tableName()))
                .append(")\n");
        for (PropertyModel p : entity.properties()) {
            if (p.scale() >= 0) {
                s.append("        .decimal(").append(literal(p.columnName())).append(", ").append(p.precision())
                        .append(", ").append(p.scale());
            } else {
                s.append("        .column(").append(literal(p.columnName())).append(", ").append(p.javaType()).append(".class");
            }
            for (String option : p.options()) {
                s.append(", ColumnOption.").append(option);
            }
            s.append(")\n");
        }
        s.append("        .build();\n");
        for (PropertyModel p : entity.properties()) {
            if (p.reference() != null) {
                s.append("    public static final io.athanor.orm.ToOne<").append(entity.qualifiedName()).append(", ")
                        .append(p.reference().targetType()).append("> ").append(p.fieldName())
                        .append(" = io.athanor.orm.ToOne.of(").append(entity.qualifiedName()).append(".class, ")
                        .append(literal(p.fieldName())).append(", TABLE.column(").append(literal(p.columnName()))
                        .append(", ").append(p.javaType()).append(".class), ").append(p.reference().targetType())
                        .append(".class, () -> ").append(p.reference().targetMetamodel()).append(".TABLE);\n");
                continue;
            }
            s.append("    public static final Column<").append(p.javaType()).append("> ").append(p.fieldName())
                    .append(" = TABLE.column(").append(literal(p.columnName())).append(", ")
                    .append(p.javaType()).append(".class);\n");
        }
        for (CollectionModel c : entity.collections()) {
            s.append("    public static final io.athanor.orm.ToMany<").append(entity.qualifiedName()).append(", ")
                    .append(c.elementType()).append("> ").append(c.fieldName())
                    .append(" = io.athanor.orm.ToMany.of(").append(entity.qualifiedName()).append(".class, ")
                    .append(literal(c.fieldName())).append(", TABLE, ").append(c.elementType())
                    .append(".class, () -> ").append(c.elementMetamodel()).append(".").append(c.mappedBy())
                    .append(");\n");
        }
        return s.append("}\n").toString();
    }

    /**
     * A Java string literal. Control characters use octal escapes, not {@code \\uXXXX}: the
     * compiler translates unicode escapes before lexing, so an escaped line break would end the
     * literal. Other non-ASCII characters are escaped so the file's encoding does not matter.
     */
    static String literal(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                s.append(String.format("\\%03o", (int) c));
            } else if (c > 0x7f) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
