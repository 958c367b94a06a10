package io.athanor.orm.enhance;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.enhance.RecordingInterceptor.Event;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ByteArrayClassLoader;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applies {@link EntityEnhancer} by hand to classes the Maven plugin never saw (compiled or
 * generated during the test), loads the result into a fresh class loader (so the JVM verifies it)
 * and runs it.
 */
class EntityEnhancerProgrammaticTest {
    /** Enough fields that property numbers need SIPUSH in the accessors. */
    private static final int WIDE_FIELDS = 140;

    private final EntityEnhancer plugin = new EntityEnhancer();

    @TempDir
    Path classes;

    @Test
    void freshlyCompiledEntityIsMatchedEnhancedVerifiedAndTracked() throws Exception {
        compile("gen.Wide", wideEntitySource());
        ClassFileLocator locator = locator();
        TypeDescription type = TypePool.Default.of(locator).describe("gen.Wide").resolve();
        assertTrue(plugin.matches(type));

        Class<?> enhanced = enhance(type, locator).load(getClass().getClassLoader(),
                ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        Object wide = enhanced.getConstructor().newInstance();
        RecordingInterceptor recorder = new RecordingInterceptor();
        ((EnhancedEntity) wide).$athanor$interceptor(recorder);

        enhanced.getMethod("bump").invoke(wide);

        int last = WIDE_FIELDS - 1;
        assertEquals(List.of(new Event("READ", wide, last, 1), new Event("WRITE", wide, last, 1),
                        new Event("READ", wide, WIDE_FIELDS, 1L), new Event("WRITE", wide, WIDE_FIELDS, 1L),
                        new Event("READ", wide, WIDE_FIELDS + 1, 0.5), new Event("WRITE", wide, WIDE_FIELDS + 1, 0.5)),
                recorder.events);
        assertEquals(2, RecordingInterceptor.fieldValue(wide, last));
        assertEquals(3L, RecordingInterceptor.fieldValue(wide, WIDE_FIELDS));
        assertEquals(1.0, RecordingInterceptor.fieldValue(wide, WIDE_FIELDS + 1));
        assertEquals(WIDE_FIELDS + 2, enhanced.getAnnotation(EnhancedProperties.class).value().length);
    }

    @Test
    void enhancedBytesAreNotMatchedAgainSoASecondRunIsANoOp() throws Exception {
        compile("gen.Wide", wideEntitySource());
        ClassFileLocator locator = locator();
        TypeDescription type = TypePool.Default.of(locator).describe("gen.Wide").resolve();
        byte[] once = enhance(type, locator).getBytes();

        ClassFileLocator enhancedLocator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of("gen.Wide", once), locator);
        TypeDescription enhancedType = TypePool.Default.of(enhancedLocator).describe("gen.Wide").resolve();

        assertFalse(plugin.matches(enhancedType));
    }

    @Test
    void fieldStoreBeforeTheSuperConstructorCallIsLeftAloneAndStillVerifies() throws Exception {
        // javac 17 cannot write this (flexible constructor bodies can): x = 7; super(); x = x + 1;
        byte[] early = earlyWriterClass();
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of("gen.Early", early),
                ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        TypeDescription type = TypePool.Default.of(locator).describe("gen.Early").resolve();
        assertTrue(plugin.matches(type));

        Class<?> enhanced = enhance(type, locator).load(getClass().getClassLoader(),
                ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        Object instance = enhanced.getConstructor().newInstance();
        RecordingInterceptor recorder = new RecordingInterceptor();
        ((EnhancedEntity) instance).$athanor$interceptor(recorder);

        assertEquals(8, enhanced.getMethod("getX").invoke(instance));
        assertEquals(List.of(new Event("READ", instance, 0, 8)), recorder.events);
    }

    @Test
    void classWithoutEntityAnnotationIsNotMatched() throws Exception {
        compile("gen.Loose", "package gen; public class Loose { private int x; void set(int v) { x = v; } }");
        TypeDescription type = TypePool.Default.of(locator()).describe("gen.Loose").resolve();

        assertFalse(plugin.matches(type));
    }

    private static final String BASE = """
            package gen.base;
            public abstract class Base {
                @io.athanor.orm.annotations.Id private Long id;
                private String by;
                protected int n;
                public void setBy(String by) { this.by = by; }
                public String getBy() { return by; }
                public void bump() { n++; }
            }
            """;

    private static String child(String name) {
        return """
                package gen;
                @io.athanor.orm.annotations.Entity
                public class %s extends gen.base.Base {
                    private String own;
                    public void touch() { n = 5; own = "x"; }
                    public int n() { return super.n; }
                }
                """.formatted(name);
    }

    @Test
    void aSuperclassSharedByTwoEntitiesIsEnhancedOnceAndBothTrackItsFieldsWithTheSameNumbers() throws Exception {
        compile("gen.base.Base", BASE);
        compile("gen.A", child("A"));
        compile("gen.B", child("B"));
        ClassFileLocator locator = locator();
        TypePool pool = TypePool.Default.of(locator);
        List<String> names = List.of("gen.base.Base", "gen.A", "gen.B");
        for (String name : names) {
            plugin.onPreprocess(pool.describe(name).resolve(), locator);
        }
        java.util.Map<String, byte[]> enhanced = new java.util.HashMap<>();
        for (String name : names) {
            TypeDescription type = pool.describe(name).resolve();
            assertTrue(plugin.matches(type), name);
            enhanced.put(name, enhance(type, locator).getBytes());
        }
        ClassLoader loader = new ByteArrayClassLoader(getClass().getClassLoader(), enhanced);
        Class<?> a = Class.forName("gen.A", true, loader);
        Class<?> b = Class.forName("gen.B", true, loader);
        Class<?> base = Class.forName("gen.base.Base", true, loader);
        assertEquals(List.of("id", "by", "n"), List.of(base.getDeclaredAnnotation(EnhancedProperties.class).value()));
        assertEquals(List.of("id", "by", "n", "own"), List.of(a.getDeclaredAnnotation(EnhancedProperties.class).value()));
        assertFalse(EnhancedEntity.class.isAssignableFrom(base));

        Object first = a.getConstructor().newInstance();
        Object second = b.getConstructor().newInstance();
        RecordingInterceptor recorder = new RecordingInterceptor();
        ((EnhancedEntity) first).$athanor$interceptor(recorder);
        ((EnhancedEntity) second).$athanor$interceptor(recorder);

        a.getMethod("setBy", String.class).invoke(first, "ann"); // the superclass's own method
        a.getMethod("touch").invoke(first); // the entity writing an inherited field and its own
        b.getMethod("bump").invoke(second); // the shared superclass on the other entity
        assertEquals(1, b.getMethod("n").invoke(second)); // super.n: an inherited field read by the entity

        assertEquals(List.of(new Event("WRITE", first, 1, null), new Event("WRITE", first, 2, 0),
                new Event("WRITE", first, 3, null), new Event("READ", second, 2, 0), new Event("WRITE", second, 2, 0),
                new Event("READ", second, 2, 1)), recorder.events);
        ClassFileLocator enhancedBase = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of("gen.base.Base", enhanced.get("gen.base.Base")), locator);
        assertFalse(plugin.matches(TypePool.Default.of(enhancedBase).describe("gen.base.Base").resolve()),
                "an enhanced superclass is not matched again");
    }

    @Test
    void anEntityWhoseMappedSuperclassIsNotInTheBuildIsRefusedNamingIt() throws Exception {
        compile("gen.base.Base", BASE);
        compile("gen.A", child("A"));
        ClassFileLocator locator = locator();
        TypeDescription a = TypePool.Default.of(locator).describe("gen.A").resolve();
        plugin.onPreprocess(a, locator); // gen.base.Base comes from elsewhere (a jar)
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> enhance(a, locator));
        assertTrue(e.getMessage().contains("gen.A inherits the mapped fields [id, by, n] from gen.base.Base"), e.getMessage());
        assertTrue(e.getMessage().contains("not part of this build"), e.getMessage());
    }

    @Test
    void theRuntimeRefusesAnEnhancedEntityWhoseSuperclassWasNotEnhanced() throws Exception {
        compile("gen.base.Base", BASE);
        compile("gen.A", child("A"));
        ClassFileLocator locator = locator();
        TypePool pool = TypePool.Default.of(locator);
        plugin.onPreprocess(pool.describe("gen.base.Base").resolve(), locator);
        plugin.onPreprocess(pool.describe("gen.A").resolve(), locator);
        byte[] baseAsCompiled = locator.locate("gen.base.Base").resolve();
        ClassLoader loader = new ByteArrayClassLoader(getClass().getClassLoader(), java.util.Map.of(
                "gen.A", enhance(pool.describe("gen.A").resolve(), locator).getBytes(), "gen.base.Base", baseAsCompiled));
        Class<?> a = Class.forName("gen.A", true, loader);
        io.athanor.orm.MappingException e = org.junit.jupiter.api.Assertions.assertThrows(io.athanor.orm.MappingException.class,
                () -> io.athanor.orm.internal.mapping.MappingReader.read(a, 0));
        assertTrue(e.getMessage().contains("its superclass gen.base.Base, which declares the mapped fields [id, by, n], was not"),
                e.getMessage());
    }

    private DynamicType.Unloaded<?> enhance(TypeDescription type, ClassFileLocator locator) {
        return plugin.apply(new ByteBuddy().redefine(type, locator), type, locator).make();
    }

    private ClassFileLocator locator() {
        return new ClassFileLocator.Compound(new ClassFileLocator.ForFolder(classes.toFile()),
                ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
    }

    private static String wideEntitySource() {
        StringBuilder source = new StringBuilder("package gen;\n@io.athanor.orm.annotations.Entity\npublic class Wide {\n");
        for (int i = 0; i < WIDE_FIELDS; i++) {
            source.append("    private int f").append(i).append(";\n");
        }
        source.append("    private long big = 1L;\n    private double half = 0.5;\n")
                .append("    public Wide() { f").append(WIDE_FIELDS - 1).append(" = 1; }\n")
                .append("    public void bump() { f").append(WIDE_FIELDS - 1).append("++; big += 2; half *= 2; }\n")
                .append("}\n");
        return source.toString();
    }

    private void compile(String className, String source) throws Exception {
        Path file = classes.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String annotations = new File(Entity.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        int status = javac.run(null, null, null, "-proc:none", "--release", "17",
                "-classpath", annotations + File.pathSeparator + classes, "-d", classes.toString(), file.toString());
        assertEquals(0, status, "javac failed for " + className);
    }

    /** An @Entity class whose constructor stores a mapped field before calling super(). */
    private static byte[] earlyWriterClass() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/Early", null, "java/lang/Object", null);
        writer.visitAnnotation(Type.getDescriptor(Entity.class), true).visitEnd();
        writer.visitField(Opcodes.ACC_PRIVATE, "x", "I", null, null).visitEnd();

        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitIntInsn(Opcodes.BIPUSH, 7);
        init.visitFieldInsn(Opcodes.PUTFIELD, "gen/Early", "x", "I");
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitFieldInsn(Opcodes.GETFIELD, "gen/Early", "x", "I");
        init.visitInsn(Opcodes.ICONST_1);
        init.visitInsn(Opcodes.IADD);
        init.visitFieldInsn(Opcodes.PUTFIELD, "gen/Early", "x", "I");
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor getX = writer.visitMethod(Opcodes.ACC_PUBLIC, "getX", "()I", null, null);
        getX.visitCode();
        getX.visitVarInsn(Opcodes.ALOAD, 0);
        getX.visitFieldInsn(Opcodes.GETFIELD, "gen/Early", "x", "I");
        getX.visitInsn(Opcodes.IRETURN);
        getX.visitMaxs(0, 0);
        getX.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
