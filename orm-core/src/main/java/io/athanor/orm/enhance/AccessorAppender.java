package io.athanor.orm.enhance;

import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.ByteCodeAppender;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Writes the body of one generated accessor of a mapped field:
 *
 * <pre>{@code
 * T $athanor$read$f()     { PropertyInterceptor p = this.$athanor$interceptor; if (p != null) p.beforeRead(this, i);  return this.f; }
 * void $athanor$write$f(T v) { PropertyInterceptor p = this.$athanor$interceptor; if (p != null) p.beforeWrite(this, i); this.f = v; }
 * }</pre>
 *
 * <p>The writer of a relationship field then repeats the check and calls {@code afterWrite(this, i)}
 * (the interceptor read again: {@code beforeWrite} may have installed or removed one).
 *
 * <p>An accessor of a field that a superclass of entities declares cannot read an interceptor
 * field: the entity subclass holds it. It asks the object instead, which costs an interface call:
 *
 * <pre>{@code
 * if (this instanceof EnhancedEntity) { PropertyInterceptor p = ((EnhancedEntity) this).$athanor$interceptor(); if (p != null) p.beforeRead(this, i); }
 * }</pre>
 *
 * <p>The code is emitted as plain ASM instructions with its one stack map frame written by hand:
 * Byte Buddy does not compute frames for generated methods, and asking it to recompute frames for
 * the whole class would also touch the user's methods, which the enhancer otherwise leaves intact
 * apart from swapping single instructions.
 */
final class AccessorAppender implements ByteCodeAppender {
    private static final String INTERCEPTOR = Type.getInternalName(PropertyInterceptor.class);
    private static final String INTERCEPTOR_DESCRIPTOR = Type.getDescriptor(PropertyInterceptor.class);
    private static final String CALLBACK_DESCRIPTOR = "(Ljava/lang/Object;I)V";

    private static final String ENHANCED = Type.getInternalName(EnhancedEntity.class);
    private static final String GET_INTERCEPTOR_DESCRIPTOR = "()" + INTERCEPTOR_DESCRIPTOR;

    private final FieldDescription.InDefinedShape field;
    private final int property;
    private final boolean write;
    /** True in a superclass of entities, which holds no interceptor field. */
    private final boolean inSuperclass;
    /** True for the writer of a relationship field, which also calls {@code afterWrite}. */
    private final boolean after;

    private AccessorAppender(FieldDescription.InDefinedShape field, int property, boolean write, boolean inSuperclass,
            boolean after) {
        this.field = field;
        this.property = property;
        this.write = write;
        this.inSuperclass = inSuperclass;
        this.after = after;
    }

    /** The body of {@code $athanor$read$<field>}. */
    static AccessorAppender reader(FieldDescription.InDefinedShape field, int property, boolean inSuperclass) {
        return new AccessorAppender(field, property, false, inSuperclass, false);
    }

    /** The body of {@code $athanor$write$<field>}; {@code relationship}: also call {@code afterWrite}. */
    static AccessorAppender writer(FieldDescription.InDefinedShape field, int property, boolean inSuperclass,
            boolean relationship) {
        return new AccessorAppender(field, property, true, inSuperclass, relationship);
    }

    @Override
    public Size apply(MethodVisitor mv, Implementation.Context context, MethodDescription method) {
        String owner = field.getDeclaringType().asErasure().getInternalName();
        Type fieldType = Type.getType(field.getDescriptor());
        // Local slots: 0 = this, then the written value (1 or 2 slots) for a writer, then p.
        int valueSize = write ? fieldType.getSize() : 0;
        int local = 1 + valueSize;

        callback(mv, owner, local, write ? "beforeWrite" : "beforeRead", true);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        if (write) {
            mv.visitVarInsn(fieldType.getOpcode(Opcodes.ILOAD), 1);
            mv.visitFieldInsn(Opcodes.PUTFIELD, owner, field.getName(), field.getDescriptor());
            if (after) {
                callback(mv, owner, local, "afterWrite", false);
            }
            mv.visitInsn(Opcodes.RETURN);
        } else {
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, field.getName(), field.getDescriptor());
            mv.visitInsn(fieldType.getOpcode(Opcodes.IRETURN));
        }
        // Deepest stack: p, this, i (3) or this, value (1 + size of the value).
        int stack = Math.max(3, 1 + fieldType.getSize());
        return new Size(stack, local + 1);
    }

    /**
     * {@code p = <interceptor>; if (p != null) p.<name>(this, i);} and the stack map frame after it.
     * {@code first}: the first frame of the method, which appends p to the initial locals; a second
     * callback's frame is the same as the first's (p is then already a local, or TOP in a superclass
     * accessor, where it may be unset).
     */
    private void callback(MethodVisitor mv, String owner, int local, String name, boolean first) {
        Label skip = new Label();
        // Read the interceptor once into a local: the callback may replace or remove it.
        if (inSuperclass) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitTypeInsn(Opcodes.INSTANCEOF, ENHANCED);
            mv.visitJumpInsn(Opcodes.IFEQ, skip);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitTypeInsn(Opcodes.CHECKCAST, ENHANCED);
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, ENHANCED, EntityEnhancer.INTERCEPTOR_FIELD,
                    GET_INTERCEPTOR_DESCRIPTOR, true);
        } else {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, EntityEnhancer.INTERCEPTOR_FIELD, INTERCEPTOR_DESCRIPTOR);
        }
        mv.visitVarInsn(Opcodes.ASTORE, local);
        mv.visitVarInsn(Opcodes.ALOAD, local);
        mv.visitJumpInsn(Opcodes.IFNULL, skip);
        mv.visitVarInsn(Opcodes.ALOAD, local);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        pushInt(mv, property);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, INTERCEPTOR, name, CALLBACK_DESCRIPTOR, true);
        mv.visitLabel(skip);
        if (inSuperclass || !first) {
            // Superclass: reached before p is stored too (not an EnhancedEntity): the initial locals
            // only. A second callback: the locals of the first frame.
            mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        } else {
            // The frame after the branch: the initial locals plus p (an "append" of one local).
            mv.visitFrame(Opcodes.F_APPEND, 1, new Object[] {INTERCEPTOR}, 0, null);
        }
    }

    private static void pushInt(MethodVisitor mv, int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            mv.visitLdcInsn(value);
        }
    }
}
