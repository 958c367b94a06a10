package io.athanor.orm.internal.mapping;

import io.athanor.sql.Table;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The mapping rules for names and types, stated over plain names so that the annotation processor
 * (which sees source elements) and the runtime mapper (which sees classes) cannot drift apart.
 * Which fields are mapped, and the id and version rules, are {@link FieldRule}'s.
 */
public final class MappingRules {
    /** Qualified names of the supported property types (boxed); enums are supported besides these. */
    public static final Set<String> SUPPORTED_TYPES = Set.of(
            "java.lang.Boolean", "java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.math.BigDecimal", "java.lang.String", "byte[]", "java.time.LocalDate",
            "java.time.LocalDateTime", "java.time.Instant", "java.util.UUID");

    private static final Map<String, String> BOXED = Map.of(
            "boolean", "java.lang.Boolean", "int", "java.lang.Integer", "long", "java.lang.Long",
            "double", "java.lang.Double");

    /**
     * Types an {@code @Id} may have for the database to assign it when it is null at insert. A
     * primitive id, which cannot be null, is refused by {@link FieldRule}.
     */
    public static final Set<String> GENERATED_ID_TYPES = Set.of("java.lang.Integer", "java.lang.Long");

    /** Types a {@code @Version} field may have. */
    public static final Set<String> VERSION_TYPES = Set.of("java.lang.Integer", "java.lang.Long");

    private MappingRules() {
    }

    /** {@code "orderLine"} and {@code "OrderLine"} become {@code "order_line"}; {@code "URLPath"} becomes {@code "url_path"}. */
    public static String snakeCase(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean prevLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1)) && name.charAt(i - 1) != '_';
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                boolean prevUpper = i > 0 && Character.isUpperCase(name.charAt(i - 1));
                if (i > 0 && (prevLower || (prevUpper && nextLower))) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The column of a field: {@code @Column(name)} when given, else the field name in snake_case,
     * with {@code _id} appended for a {@code @ManyToOne} ({@code customer} is stored in
     * {@code customer_id}).
     */
    public static String columnName(String fieldName, String explicitName, boolean reference) {
        if (explicitName != null && !explicitName.isEmpty()) {
            return explicitName;
        }
        return snakeCase(fieldName) + (reference ? "_id" : "");
    }

    /**
     * What is wrong with {@code @Column(precision, scale)} on a field of that boxed type, or empty
     * (also when neither is declared: precision 0, scale -1).
     */
    public static Optional<String> decimalProblem(String boxedType, int precision, int scale) {
        if (precision == 0 && scale == -1) {
            return Optional.empty();
        }
        if (!"java.math.BigDecimal".equals(boxedType)) {
            return Optional.of("@Column(precision, scale) applies to BigDecimal fields only, not " + boxedType);
        }
        if (scale == -1) {
            return Optional.of("@Column(precision = " + precision + ") needs a scale too: declare the decimal places"
                    + " with @Column(precision = " + precision + ", scale = ...)");
        }
        return Table.checkDecimal(precision, scale).map(problem -> "@Column: " + problem);
    }

    /** The boxed qualified name of a primitive's name, or the name itself. */
    public static String boxed(String typeName) {
        return BOXED.getOrDefault(typeName, typeName);
    }

    /** True for the primitive type names the mapping supports (their columns are NOT NULL). */
    public static boolean isPrimitive(String typeName) {
        return BOXED.containsKey(typeName);
    }

    /**
     * Names a set of boxed types for error messages, listing the supported primitives that box into
     * it first: {@code describe(VERSION_TYPES)} is {@code "int, long, java.lang.Integer, java.lang.Long"}.
     * Sorted, so that the processor's and the runtime's messages read the same every time.
     */
    public static String describe(Set<String> boxedTypes) {
        Stream<String> primitives = BOXED.entrySet().stream()
                .filter(e -> boxedTypes.contains(e.getValue())).map(Map.Entry::getKey).sorted();
        return Stream.concat(primitives, boxedTypes.stream().sorted()).collect(Collectors.joining(", "));
    }
}
