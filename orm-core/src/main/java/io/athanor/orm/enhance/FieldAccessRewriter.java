package io.athanor.orm.enhance;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

import java.util.HashSet;
import java.util.Set;

/**
 * Replaces each {@code GETFIELD}/{@code PUTFIELD} of a mapped field (its own or an inherited one)
 * by a call of the field's generated accessor, in every method and constructor of the class
 * (an entity or a superclass of entities) except the generated ones (whose names start with
 * {@code $athanor$}: the accessors must keep the plain access). An access counts when the
 * instruction names the class or one of its superclasses as the field's owner: javac names the
 * receiver's static type, so {@code this.createdAt} in an entity names the entity even when a
 * superclass declares {@code createdAt}.
 *
 * <p>It wraps the class visitor rather than using {@code AsmVisitorWrapper.ForDeclaredMethods}
 * because the latter only sees the methods Byte Buddy instruments, and Byte Buddy ignores
 * synthetic methods by default: lambda bodies ({@code lambda$x$0}) would keep untracked access.
 *
 * <p>The swap is stack-neutral ({@code GETFIELD} pops the object and pushes the value, as does
 * calling {@code $athanor$read$f()}; likewise for {@code PUTFIELD} and the writer), so max stack
 * and stack map frames of the user's code stay valid. An entity's accessors of its own fields are
 * private, hence {@code INVOKESPECIAL}, which the verifier accepts for any receiver typed as the
 * class itself, exactly the receivers a {@code GETFIELD} of its own field may have. Accessors that
 * a superclass declares are protected and final, called by {@code INVOKEVIRTUAL} on the owner the
 * instruction named: the protected-access rule the verifier applies to that call is the one javac
 * already applied to the field access.
 *
 * <p>In a constructor, a {@code PUTFIELD} that runs before the super (or this) constructor call
 * is left alone: the object is still uninitialized there, and the verifier allows storing into
 * its fields but not calling its methods. Java 17 code cannot do that for mapped fields, but
 * newer Java versions (flexible constructor bodies) can.
 */
final class FieldAccessRewriter extends AsmVisitorWrapper.AbstractBase {
    private final MappedFields mapped;
    /** True when rewriting an entity (its own fields have private accessors). */
    private final boolean entity;

    FieldAccessRewriter(MappedFields mapped, boolean entity) {
        this.mapped = mapped;
        this.entity = entity;
    }

    @Override
    public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
                             Implementation.Context implementationContext, TypePool typePool,
                             FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
                             int writerFlags, int readerFlags) {
        String owner = instrumentedType.getInternalName();
        Set<String> owners = new HashSet<>();
        for (TypeDescription t = instrumentedType; t != null; t = DescriptionHierarchy.INSTANCE.superclass(t)) {
            owners.add(t.getInternalName());
        }
        return new ClassVisitor(OpenedClassReader.ASM_API, classVisitor) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (visitor == null || name.startsWith(EntityEnhancer.PREFIX)) {
                    return visitor;
                }
                return new Rewriting(visitor, owner, owners, "<init>".equals(name));
            }
        };
    }

    private final class Rewriting extends MethodVisitor {
        private final String owner;
        /** Internal names of the class and its superclasses. */
        private final Set<String> owners;
        /** False in a constructor until its super/this constructor call. */
        private boolean initialized;
        /** {@code NEW}s whose constructor call has not been seen yet (arguments of super(...)). */
        private int pendingNews;

        Rewriting(MethodVisitor delegate, String owner, Set<String> owners, boolean constructor) {
            super(OpenedClassReader.ASM_API, delegate);
            this.owner = owner;
            this.owners = owners;
            this.initialized = !constructor;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode == Opcodes.NEW && !initialized) {
                pendingNews++;
            }
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitMethodInsn(int opcode, String methodOwner, String name, String descriptor, boolean isInterface) {
            if (!initialized && opcode == Opcodes.INVOKESPECIAL && "<init>".equals(name)) {
                // Counting NEWs is enough: javac pairs every NEW with its <init> call on each path.
                if (pendingNews > 0) {
                    pendingNews--;
                } else {
                    initialized = true;
                }
            }
            super.visitMethodInsn(opcode, methodOwner, name, descriptor, isInterface);
        }

        @Override
        public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
            int property = owners.contains(fieldOwner) ? mapped.find(name, descriptor) : -1;
            boolean rewrite = property >= 0 && (opcode == Opcodes.GETFIELD || (opcode == Opcodes.PUTFIELD && initialized));
            if (!rewrite) {
                super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
                return;
            }
            String accessor = opcode == Opcodes.GETFIELD ? EntityEnhancer.readerName(name) : EntityEnhancer.writerName(name);
            String signature = opcode == Opcodes.GETFIELD ? "()" + descriptor : "(" + descriptor + ")V";
            if (entity && mapped.isOwn(property)) {
                super.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, accessor, signature, false);
            } else {
                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, fieldOwner, accessor, signature, false);
            }
        }
    }
}
