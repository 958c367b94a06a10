package io.athanor.orm.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.internal.mapping.MappingRules;
import io.athanor.sql.Column;
import io.athanor.sql.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiles small entity sources in memory with the {@link MetamodelProcessor}, loads what it
 * generated and checks the metamodel's real behaviour: its {@link Table}, its columns and the
 * compile errors it reports.
 */
class MetamodelProcessorTest {
    @TempDir
    Path out;

    private final List<URLClassLoader> loaders = new ArrayList<>();

    @AfterEach
    void closeLoaders() throws IOException {
        for (URLClassLoader loader : loaders) {
            loader.close();
        }
    }

    // ---- generated table and columns ----

    @Test
    void relationshipsBecomeToOneAndToManyWithTheForeignKeyTypedLikeTheTargetsKey() throws Exception {
        Compilation c = compile(source("p.Customer", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Customer {
                    @Id String code;
                    @OneToMany(mappedBy = "buyer") java.util.List<Purchase> purchases;
                }
                """), source("p.Purchase", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Purchase {
                    @Id Long id;
                    @ManyToOne @Column(nullable = false) Customer buyer;
                }
                """));
        assertEquals(List.of("id java.lang.Long primary-key generated not-null", "buyer_id java.lang.String not-null"),
                describe(c.table("p.Purchase_")));
        assertEquals(List.of("code java.lang.String primary-key not-null"), describe(c.table("p.Customer_")));
        Object buyer = c.load("p.Purchase_").getField("buyer").get(null);
        assertTrue(buyer instanceof io.athanor.orm.ToOne<?, ?> t && t.column().name().equals("buyer_id")
                && t.targetType() == c.load("p.Customer"), String.valueOf(buyer));
        Object purchases = c.load("p.Customer_").getField("purchases").get(null);
        assertTrue(purchases instanceof io.athanor.orm.ToMany<?, ?> m && m.mappedBy() == buyer, String.valueOf(purchases));
    }

    @Test
    void aMappedByThatNamesNoReferenceBackAndAReferenceToANonEntityAreCompileErrors() {
        Compilation c = compileFailing(source("p.Customer", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Customer {
                    @Id Long id;
                    @OneToMany(mappedBy = "nobody") java.util.List<Purchase> purchases;
                    @ManyToOne String notAnEntity;
                }
                """), source("p.Purchase", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Purchase { @Id Long id; @ManyToOne Customer buyer; }
                """));
        assertError(c, "Customer.purchases", "mappedBy = \"nobody\"", "names no @ManyToOne");
        assertError(c, "Customer.notAnEntity", "@ManyToOne needs a field whose type is an @Entity class");
        assertNoMetamodel("p.Customer_");
    }

    @Test
    void tableIsTheClassNameInSnakeCaseWithOneColumnPerFieldInDeclarationOrder() throws Exception {
        Compilation c = compile(source("p.OrderLine", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class OrderLine {
                    @Id Long id;
                    int foo;
                    java.time.Instant createdAt;
                }
                """));
        Table table = c.table("p.OrderLine_");
        assertEquals("order_line", table.name());
        assertEquals(List.of(
                "id java.lang.Long primary-key generated not-null",
                "foo java.lang.Integer not-null",
                "created_at java.time.Instant"), describe(table));
        assertEquals(List.of(table.column("id")), table.primaryKey());
    }

    @Test
    void eachColumnFieldIsPublicStaticFinalTypedByTheBoxedTypeAndIsTheTablesColumn() throws Exception {
        Compilation c = compile(source("p.OrderLine", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class OrderLine {
                    @Id Long id;
                    int foo;
                    java.time.Instant createdAt;
                    byte[] payload;
                }
                """));
        assertColumnFields(c, "p.OrderLine_", Map.of(
                "id", "id", "foo", "foo", "createdAt", "created_at", "payload", "payload"));
    }

    @Test
    void metamodelClassIsFinalWithOnlyAPrivateConstructor() throws Exception {
        Compilation c = compile(source("p.Stuff", """
                package p;
                @io.athanor.orm.annotations.Entity
                public class Stuff { @io.athanor.orm.annotations.Id Long id; }
                """));
        Class<?> metamodel = c.load("p.Stuff_");
        assertTrue(Modifier.isPublic(metamodel.getModifiers()) && Modifier.isFinal(metamodel.getModifiers()));
        assertEquals(1, metamodel.getDeclaredConstructors().length);
        assertTrue(Modifier.isPrivate(metamodel.getDeclaredConstructors()[0].getModifiers()));
    }

    @ParameterizedTest
    @CsvSource({
            "Long, java.lang.Long, true",
            "Integer, java.lang.Integer, true",
            "String, java.lang.String, false",
            "java.util.UUID, java.util.UUID, false"})
    void idIsThePrimaryKeyAndIsGeneratedOnlyForBoxedLongAndIntegerIds(String idType, String columnType, boolean generated)
            throws Exception {
        Compilation c = compile(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id %s id; }
                """.formatted(idType)));
        Column<?> id = c.table("p.Stuff_").column("id");
        assertTrue(id.isPrimaryKey());
        assertFalse(id.isNullable());
        assertEquals(columnType, id.type().getName());
        assertEquals(generated, id.isGenerated());
    }

    @Test
    void primitiveAndNonNullableColumnsAreNotNullAndUniqueColumnsAreUnique() throws Exception {
        Compilation c = compile(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff {
                    @Id Long id;
                    boolean active;
                    Boolean maybe;
                    @Column(nullable = false) String name;
                    @Column(unique = true) String email;
                    @Column(nullable = false, unique = true) String code;
                    @Column(nullable = true) double score;
                }
                """));
        assertEquals(List.of(
                "id java.lang.Long primary-key generated not-null",
                "active java.lang.Boolean not-null",
                "maybe java.lang.Boolean",
                "name java.lang.String not-null",
                "email java.lang.String unique",
                "code java.lang.String not-null unique",
                "score java.lang.Double not-null"), describe(c.table("p.Stuff_")));
    }

    @Test
    void everyTypeInMappingRulesMapsToAColumnOfThatType() throws Exception {
        // Driven by MappingRules itself, so a type added there is covered here too.
        List<String> types = MappingRules.SUPPORTED_TYPES.stream().sorted().toList();
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < types.size(); i++) {
            fields.append("    ").append(types.get(i)).append(" f").append(i).append(";\n");
        }
        Compilation c = compile(source("p.AllTypes", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class AllTypes {
                    @Id Long id;
                %s}
                """.formatted(fields)));
        Table table = c.table("p.AllTypes_");
        for (int i = 0; i < types.size(); i++) {
            Class<?> expected = types.get(i).equals("byte[]") ? byte[].class : Class.forName(types.get(i));
            assertEquals(expected, table.column("f" + i).type(), types.get(i));
        }
    }

    @Test
    void designDocumentTypesIncludingPrimitivesAndEnumsMapToTheirBoxedTypes() throws Exception {
        Compilation c = compile(source("p.Color", "package p; public enum Color { RED, GREEN }"),
                source("p.Shape", "package p; public class Shape { public enum Kind { ROUND, SQUARE } }"),
                source("p.Stuff", """
                        package p;
                        import io.athanor.orm.annotations.*;
                        import java.math.BigDecimal;
                        import java.time.*;
                        import java.util.UUID;
                        @Entity
                        public class Stuff {
                            @Id Long id;
                            boolean b1; Boolean b2; int i1; Integer i2; long l1; Long l2; double d1; Double d2;
                            BigDecimal money; String text; byte[] bytes; LocalDate day; LocalDateTime stamp;
                            Instant instant; UUID uuid; Color color; Shape.Kind kind; Status status;
                            enum Status { OPEN, CLOSED }
                        }
                        """));
        Table table = c.table("p.Stuff_");
        Map<String, Class<?>> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("b1", Boolean.class), Map.entry("b2", Boolean.class),
                Map.entry("i1", Integer.class), Map.entry("i2", Integer.class),
                Map.entry("l1", Long.class), Map.entry("l2", Long.class),
                Map.entry("d1", Double.class), Map.entry("d2", Double.class),
                Map.entry("money", java.math.BigDecimal.class), Map.entry("text", String.class),
                Map.entry("bytes", byte[].class), Map.entry("day", java.time.LocalDate.class),
                Map.entry("stamp", java.time.LocalDateTime.class), Map.entry("instant", java.time.Instant.class),
                Map.entry("uuid", java.util.UUID.class), Map.entry("color", c.load("p.Color")),
                Map.entry("kind", c.load("p.Shape$Kind")), Map.entry("status", c.load("p.Stuff$Status"))));
        for (Map.Entry<String, Class<?>> e : expected.entrySet()) {
            assertEquals(e.getValue(), table.column(e.getKey()).type(), e.getKey());
        }
        assertEquals(expected.size() + 1, table.columns().size());
        assertTrue(c.load("p.Color").isEnum());
    }

    @Test
    void entityTableAndColumnNameOverrideTheSnakeCaseDefaults() throws Exception {
        Compilation c = compile(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity(table = "x_table")
                public class Stuff {
                    @Id @Column(name = "stuff_id") Long id;
                    @Column(name = "FOO") Integer foo;
                    @Column(unique = true) String someName;
                }
                """));
        Table table = c.table("p.Stuff_");
        assertEquals("x_table", table.name());
        assertEquals(List.of(
                "stuff_id java.lang.Long primary-key generated not-null",
                "FOO java.lang.Integer",
                "some_name java.lang.String unique"), describe(table));
        assertColumnFields(c, "p.Stuff_", Map.of("id", "stuff_id", "foo", "FOO", "someName", "some_name"));
    }

    @Test
    void namesWithQuotesBackslashesAndNonAsciiCharactersAreKeptVerbatim() throws Exception {
        Compilation c = compile(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity(table = "we\\"ird\\\\table")
                public class Stuff {
                    @Id Long id;
                    @Column(name = "caf\\u00e9 \\"x\\"") String name;
                }
                """));
        Table table = c.table("p.Stuff_");
        assertEquals("we\"ird\\table", table.name());
        assertEquals("café \"x\"", table.columns().get(1).name());
    }

    @Test
    void staticTransientAndAnnotatedTransientFieldsAreNotMapped() throws Exception {
        Compilation c = compile(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff {
                    static int counter;
                    static final String CONSTANT = "c";
                    @Id Long id;
                    transient String cache;
                    @Transient java.util.List<String> notes;
                    String kept;
                }
                """));
        assertEquals(List.of("id", "kept"), names(c.table("p.Stuff_")));
        assertColumnFields(c, "p.Stuff_", Map.of("id", "id", "kept", "kept"));
    }

    @Test
    void inheritedFieldsAreMappedFirstTheIdAndVersionIncludedFromSuperclassesInAnyPackage() throws Exception {
        Compilation c = compile(source("q.Base", """
                        package q;
                        public abstract class Base {
                            @io.athanor.orm.annotations.Id private Long id;
                            protected java.time.Instant createdAt;
                            private static int counter;
                            @io.athanor.orm.annotations.Transient String scratch;
                        }
                        """),
                source("p.Middle", """
                        package p;
                        public abstract class Middle extends q.Base { String createdBy; @io.athanor.orm.annotations.Version int rev; }
                        """),
                source("p.Stuff", """
                        package p;
                        import io.athanor.orm.annotations.*;
                        @Entity
                        public class Stuff extends Middle { String name; }
                        """));
        Table table = c.table("p.Stuff_");
        assertEquals(List.of("id", "created_at", "created_by", "rev", "name"), names(table));
        assertEquals(List.of(table.column("id")), table.primaryKey());
        assertTrue(table.column("id").isGenerated());
        assertFalse(table.column("rev").isNullable());
        assertColumnFields(c, "p.Stuff_", Map.of("id", "id", "createdAt", "created_at", "createdBy", "created_by",
                "rev", "rev", "name", "name"));
    }

    @Test
    void fieldsOfASuperclassReadFromAClassFileKeepTheirDeclarationOrder() throws Exception {
        compile(source("q.Base", """
                package q;
                public abstract class Base { protected String zeta; protected Integer alpha; @io.athanor.orm.annotations.Id Long mid; }
                """));
        Compilation c = compile(source("p.Stuff", """
                package p;
                @io.athanor.orm.annotations.Entity
                public class Stuff extends q.Base { String name; }
                """));
        assertEquals(List.of("zeta", "alpha", "mid", "name"), names(c.table("p.Stuff_")));
    }

    @Test
    void aFieldHidingAnInheritedOneIsACompileErrorNamingBoth() {
        Compilation c = compileFailing(source("p.Base", "package p; public class Base { String name; }"),
                source("p.Stuff", """
                        package p;
                        import io.athanor.orm.annotations.*;
                        @Entity
                        public class Stuff extends Base { @Id Long id; String name; }
                        """));
        assertError(c, "Stuff.name:", "hides the field Base.name");
        assertEquals(1, c.errors().size(), c.errors().toString());
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void anEntityExtendingAnEntityIsACompileErrorNamingBoth() {
        Compilation c = compileFailing(source("p.Base", """
                        package p;
                        @io.athanor.orm.annotations.Entity
                        public class Base { @io.athanor.orm.annotations.Id Long id; }
                        """),
                source("p.Stuff", """
                        package p;
                        @io.athanor.orm.annotations.Entity
                        public class Stuff extends Base { String name; }
                        """));
        assertError(c, "Stuff extends the entity", "Base", "not supported");
        assertNoMetamodel("p.Stuff_");
    }

    @ParameterizedTest
    @CsvSource({"long, Long", "int, Integer"})
    void aPrimitiveIdIsACompileErrorNamingTheFieldAndTheBoxedTypeToUse(String type, String boxed) {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id %s id; String name; }
                """.formatted(type)));
        assertError(c, "Stuff.id:", "primitive @Id (" + type + ")", "declare it " + boxed);
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void aPrimitiveIdInASuperclassIsACompileErrorOnTheEntityNamingWhereItIsDeclared() {
        Compilation c = compileFailing(source("p.Base", "package p; public class Base { @io.athanor.orm.annotations.Id long id; }"),
                source("p.Stuff", """
                        package p;
                        @io.athanor.orm.annotations.Entity
                        public class Stuff extends Base { String name; }
                        """));
        assertError(c, "Stuff.id (declared in Base):", "primitive @Id (long)", "declare it Long");
    }

    @Test
    void versionColumnIsNotNullAndMayBeIntLongOrTheirBoxedTypes() throws Exception {
        for (String type : List.of("int", "long", "Integer", "Long")) {
            Compilation c = compile(source("p.Stuff", """
                    package p;
                    import io.athanor.orm.annotations.*;
                    @Entity
                    public class Stuff { @Id String id; @Version %s version; }
                    """.formatted(type)));
            Column<?> version = c.table("p.Stuff_").column("version");
            assertFalse(version.isNullable(), type);
            assertFalse(version.isPrimaryKey() || version.isGenerated() || version.isUnique(), type);
        }
    }

    @Test
    void noArgConstructorOfAnyVisibilityIsEnoughAndTheImplicitOneCounts() throws Exception {
        Compilation c = compile(source("p.Hidden", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Hidden {
                    @Id Long id;
                    private Hidden() {}
                    public Hidden(Long id) { this.id = id; }
                }
                """), source("p.Plain", """
                package p;
                @io.athanor.orm.annotations.Entity
                class Plain { @io.athanor.orm.annotations.Id Long id; }
                """));
        assertEquals("hidden", c.table("p.Hidden_").name());
        assertEquals("plain", c.table("p.Plain_").name());
    }

    @Test
    void staticNestedEntityGetsATopLevelMetamodelNamedAfterItsSimpleName() throws Exception {
        Compilation c = compile(source("p.Outer", """
                package p;
                import io.athanor.orm.annotations.*;
                public class Outer {
                    @Entity
                    public static class LineItem { @Id Long id; int quantity; }
                }
                """));
        Table table = c.table("p.LineItem_");
        assertEquals("line_item", table.name());
        assertEquals(List.of("id", "quantity"), names(table));
        assertColumnFields(c, "p.LineItem_", Map.of("id", "id", "quantity", "quantity"));
    }

    @Test
    void entityInTheUnnamedPackageGetsAMetamodelThere() throws Exception {
        Compilation c = compile(source("Thing", """
                @io.athanor.orm.annotations.Entity
                public class Thing { @io.athanor.orm.annotations.Id Long id; }
                """));
        assertEquals("thing", c.table("Thing_").name());
    }

    @Test
    void validEntitiesCompileWithoutWarnings() throws Exception {
        Compilation c = compile(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long id; @Version int version; byte[] data; Kind kind; enum Kind { A } }
                """));
        assertEquals(List.of(), c.diagnostics().stream().map(d -> d.getKind() + ": " + d.getMessage(null)).toList());
    }

    @Test
    void fieldWhoseTypeAnotherProcessorGeneratesLaterIsMappedOnceTheTypeExists() throws Exception {
        Compilation c = compile(List.of(new MetamodelProcessor(), new ColorGenerator()), source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long id; Color color; }
                """));
        assertEquals(c.load("p.Color"), c.table("p.Stuff_").column("color").type());
    }

    @Test
    void fieldOfAnUnknownTypeLeavesTheErrorToTheCompilerAndGeneratesNothing() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long id; Nowhere where; }
                """));
        assertError(c, "Nowhere");
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void processorIsRegisteredAsAServiceSoThatJavacFindsItOnTheClasspath() {
        List<String> found = java.util.ServiceLoader.load(Processor.class, getClass().getClassLoader()).stream()
                .map(p -> p.type().getName()).toList();
        assertTrue(found.contains(MetamodelProcessor.class.getName()), found.toString());
    }

    // ---- compile errors ----

    @ParameterizedTest
    @ValueSource(strings = {"java.util.List<String>", "float", "char", "short", "Object", "java.util.Date",
            "int[]", "Byte[]", "T"})
    void unsupportedFieldTypeIsACompileErrorNamingTheField(String type) {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff<T> {
                    @Id Long id;
                    %s tags;
                }
                """.formatted(type)));
        Diagnostic<?> error = assertError(c, "Stuff.tags: unsupported property type", "supported:", "any enum");
        assertEquals(List.of(error), c.errors());
        assertEquals(6, error.getLineNumber(), "reported on the field");
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void privateNestedEnumIsACompileErrorNamingTheFieldBecauseTheMetamodelCannotNameIt() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long id; Status status; private enum Status { OPEN } }
                """));
        assertError(c, "Stuff.status", "p.Stuff.Status");
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void finalEntityClassIsACompileErrorNamingTheClass() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                @io.athanor.orm.annotations.Entity
                public final class Stuff { @io.athanor.orm.annotations.Id Long id; }
                """));
        assertEquals(3, assertError(c, "Stuff:", "final").getLineNumber());
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void entityWithoutNoArgConstructorIsACompileErrorNamingTheClass() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long id; Stuff(Long id) { this.id = id; } }
                """));
        assertError(c, "Stuff:", "no-argument constructor");
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void entityWithoutIdIsACompileErrorNamingTheClass() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                @io.athanor.orm.annotations.Entity
                public class Stuff { Long id; }
                """));
        assertError(c, "Stuff:", "@Id");
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void secondIdIsACompileErrorNamingTheClassAndBothFields() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long a; @Id Long b; }
                """));
        assertError(c, "Stuff.b:", "second @Id", "Stuff.a");
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void secondVersionIsACompileErrorNamingTheClassAndBothFields() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long id; @Version int v1; @Version long v2; }
                """));
        assertError(c, "Stuff.v2:", "second @Version", "Stuff.v1");
        assertNoMetamodel("p.Stuff_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"String", "double", "java.time.Instant"})
    void versionOfAnUnsupportedTypeIsACompileErrorNamingTheField(String type) {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long id; @Version %s rev; }
                """.formatted(type)));
        assertError(c, "Stuff.rev:", "@Version type", "int, long, java.lang.Integer, java.lang.Long");
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void nonStaticNestedEntityIsACompileErrorNamingTheClass() {
        Compilation c = compileFailing(source("p.Outer", """
                package p;
                import io.athanor.orm.annotations.*;
                public class Outer {
                    @Entity
                    public class Inner { @Id Long id; }
                }
                """));
        assertError(c, "Outer.Inner:", "static");
        assertNoMetamodel("p.Inner_");
    }

    @Test
    void nestedEntityWhoseMetamodelNameIsAnotherEntitysIsACompileErrorAndTheTopLevelOneWins() throws Exception {
        Compilation c = compileFailing(source("p.Outer", """
                package p;
                import io.athanor.orm.annotations.*;
                public class Outer {
                    @Entity
                    public static class Item { @Id Long id; }
                }
                """), source("p.Item", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity(table = "top_item")
                public class Item { @Id Long id; }
                """));
        assertError(c, "Outer.Item:", "p.Item_", "p.Item");
        // javac writes no class files after an error, so the winner shows in the generated source.
        assertTrue(Files.readString(out.resolve("p/Item_.java")).contains("Table.builder(\"top_item\")"));
    }

    @Test
    void twoNestedEntitiesOfTheSameSimpleNameAreACompileError() {
        Compilation c = compileFailing(source("p.A", """
                package p;
                import io.athanor.orm.annotations.*;
                public class A { @Entity public static class Item { @Id Long id; } }
                """), source("p.B", """
                package p;
                import io.athanor.orm.annotations.*;
                public class B { @Entity public static class Item { @Id Long id; } }
                """));
        assertError(c, ".Item:", "p.Item_", "already the metamodel of p.");
    }

    @Test
    void nestedEntityWhoseMetamodelNameIsAHandWrittenClassIsACompileError() {
        Compilation c = compileFailing(source("p.Item_", "package p; public class Item_ {}"),
                source("p.Outer", """
                        package p;
                        import io.athanor.orm.annotations.*;
                        public class Outer { @Entity public static class Item { @Id Long id; } }
                        """));
        assertError(c, "Outer.Item:", "p.Item_", "a class in the sources");
    }

    @Test
    void twoFieldsMappedToOneColumnIsACompileErrorNamingBothFields() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long id; String name; @Column(name = "name") String alias; }
                """));
        assertError(c, "Stuff.alias:", "column name is already mapped by Stuff.name");
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void mappedFieldNamedLikeAMetamodelMemberIsACompileErrorNamingTheField() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long id; String TABLE; }
                """));
        assertError(c, "Stuff.TABLE:", "cannot be named TABLE");
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void idOnAnUnmappedFieldIsACompileErrorNamingTheField() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id transient Long id; }
                """));
        assertError(c, "Stuff.id:", "not mapped");
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void entityOnARecordIsACompileErrorNamingIt() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public record Stuff(@Id Long id) {}
                """));
        assertError(c, "Stuff:", "a record");
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void everyMistakeOfAClassIsReportedInOneCompile() {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public final class Stuff { Object a; @Version String v; Stuff(int x) {} }
                """));
        assertError(c, "Stuff:", "final");
        assertError(c, "Stuff:", "no-argument constructor");
        assertError(c, "Stuff:", "@Id");
        assertError(c, "Stuff.a:", "unsupported property type java.lang.Object");
        assertError(c, "Stuff.v:", "@Version type");
        assertEquals(5, c.errors().size(), c.errors().toString());
    }

    @Test
    void decimalPrecisionAndScaleReachTheMetamodelAndTheRuntimeMappingAlike() throws Exception {
        Compilation c = compile(source("p.Invoice", """
                package p;
                import io.athanor.orm.annotations.*;
                import java.math.BigDecimal;
                @Entity
                public class Invoice {
                    @Id Long id;
                    @Column(precision = 10, scale = 2, nullable = false) BigDecimal total;
                    @Column(scale = 3) BigDecimal rate;
                    BigDecimal plain;
                }
                """));
        List<String> expected = List.of("id 0 -1", "total 10 2", "rate 0 3", "plain 0 -1");
        assertEquals(expected, decimals(c.table("p.Invoice_")));
        Table runtime = io.athanor.orm.internal.mapping.MappingReader.read(c.load("p.Invoice"), 0).table();
        assertEquals(expected, decimals(runtime));
        assertFalse(runtime.column("total").isNullable());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "@Column(scale = 2) String code|applies to BigDecimal fields only",
        "@Column(precision = 10) java.math.BigDecimal code|needs a scale too",
        "@Column(precision = 2, scale = 3) java.math.BigDecimal code|scale 3 exceeds precision 2",
        "@Column(scale = -2) java.math.BigDecimal code|scale -2 is negative"})
    void aWrongDecimalDeclarationIsACompileErrorNamingTheField(String field, String problem) {
        Compilation c = compileFailing(source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long id; %s; }
                """.formatted(field)));
        assertError(c, "Stuff.code:", problem);
        assertNoMetamodel("p.Stuff_");
    }

    @Test
    void theRuntimeMappingRefusesAWrongDecimalDeclarationWithTheProcessorsMessage() throws Exception {
        Compilation c = compile(List.of(), source("p.Stuff", """
                package p;
                import io.athanor.orm.annotations.*;
                @Entity
                public class Stuff { @Id Long id; @Column(precision = 10) java.math.BigDecimal code; }
                """));
        io.athanor.orm.MappingException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.athanor.orm.MappingException.class,
                () -> io.athanor.orm.internal.mapping.MappingReader.read(c.load("p.Stuff"), 0));
        assertTrue(e.getMessage().contains("Stuff.code: @Column(precision = 10) needs a scale too"), e.getMessage());
    }

    private static List<String> decimals(Table table) {
        return table.columns().stream().map(k -> k.name() + " " + k.precision() + " " + k.scale()).toList();
    }

    // ---- helpers ----

    /** Generates {@code p.Color} in the first round, as some other processor might. */
    @SupportedAnnotationTypes("*")
    private static final class ColorGenerator extends AbstractProcessor {
        private boolean done;

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer w = processingEnv.getFiler().createSourceFile("p.Color").openWriter()) {
                    w.write("package p; public enum Color { RED }");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    /** The outcome of one in-memory compile into {@link #out}. */
    private record Compilation(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics,
            ClassLoader loader) {
        List<Diagnostic<? extends JavaFileObject>> errors() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        }

        Class<?> load(String name) throws ClassNotFoundException {
            return Class.forName(name, true, loader);
        }

        Table table(String metamodel) throws Exception {
            return (Table) load(metamodel).getField("TABLE").get(null);
        }
    }

    private static JavaFileObject source(String className, String code) {
        URI uri = URI.create("string:///" + className.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension);
        return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    private Compilation compile(JavaFileObject... sources) throws IOException {
        return compile(List.of(new MetamodelProcessor()), sources);
    }

    private Compilation compile(List<Processor> processors, JavaFileObject... sources) throws IOException {
        Compilation c = run(processors, sources);
        assertTrue(c.success(), () -> "compile failed: " + c.diagnostics());
        return c;
    }

    private Compilation compileFailing(JavaFileObject... sources) {
        try {
            Compilation c = run(List.of(new MetamodelProcessor()), sources);
            assertFalse(c.success(), "compile should have failed");
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Compilation run(List<Processor> processors, JavaFileObject... sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        // The annotations (orm-core) and Table/Column (orm-sql), wherever the build put them.
        // And the output directory, so that a later compile sees the classes of an earlier one.
        String classpath = Arrays.stream(new Class<?>[] {Entity.class, Table.class})
                .map(k -> pathOf(k).toString()).distinct().collect(Collectors.joining(java.io.File.pathSeparator))
                + java.io.File.pathSeparator + out;
        List<String> options = List.of("-d", out.toString(), "-classpath", classpath, "-Xlint:all,-processing");
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, diagnostics, options, null,
                    List.of(sources));
            task.setProcessors(processors);
            boolean success = task.call();
            URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
            loaders.add(loader);
            return new Compilation(success, diagnostics.getDiagnostics(), loader);
        }
    }

    private static Path pathOf(Class<?> k) {
        try {
            return Path.of(k.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate " + k, e);
        }
    }

    /** The ERROR diagnostic whose message contains every fragment; fails listing all diagnostics otherwise. */
    private static Diagnostic<?> assertError(Compilation c, String... fragments) {
        for (Diagnostic<?> d : c.errors()) {
            String message = d.getMessage(null);
            if (Arrays.stream(fragments).allMatch(message::contains)) {
                return d;
            }
        }
        return fail("no error containing " + Arrays.toString(fragments) + " among "
                + c.diagnostics().stream().map(d -> d.getKind() + ": " + d.getMessage(null)).toList());
    }

    private void assertNoMetamodel(String metamodel) {
        Path file = out.resolve(metamodel.replace('.', '/') + ".class");
        assertFalse(Files.exists(file), "no metamodel expected, but found " + file);
    }

    /**
     * The metamodel's static Column fields are exactly {@code fieldToColumn}'s keys, each public
     * static final, typed {@code Column<T>} with T the column's type, and the table's very column.
     */
    private static void assertColumnFields(Compilation c, String metamodel, Map<String, String> fieldToColumn)
            throws Exception {
        Class<?> k = c.load(metamodel);
        Table table = c.table(metamodel);
        List<String> columnFields = new ArrayList<>();
        for (Field f : k.getDeclaredFields()) {
            if (f.getType() == Column.class) {
                columnFields.add(f.getName());
            }
        }
        assertEquals(fieldToColumn.keySet(), Set.copyOf(columnFields));
        for (Map.Entry<String, String> e : fieldToColumn.entrySet()) {
            Field f = k.getField(e.getKey());
            int mods = f.getModifiers();
            assertTrue(Modifier.isPublic(mods) && Modifier.isStatic(mods) && Modifier.isFinal(mods), e.getKey());
            Column<?> column = (Column<?>) f.get(null);
            assertSame(table.column(e.getValue()), column, e.getKey());
            assertEquals(column.type(), ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0],
                    e.getKey());
        }
    }

    private static List<String> names(Table table) {
        return table.columns().stream().map(Column::name).toList();
    }

    /** {@code "name type flags"}, the flags read back from the column itself. */
    private static List<String> describe(Table table) {
        return table.columns().stream().map(col -> col.name() + " " + col.type().getName()
                + (col.isPrimaryKey() ? " primary-key" : "") + (col.isGenerated() ? " generated" : "")
                + (col.isNullable() ? "" : " not-null") + (col.isUnique() ? " unique" : "")).toList();
    }
}
