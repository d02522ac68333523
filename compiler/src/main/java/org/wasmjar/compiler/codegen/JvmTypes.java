package org.wasmjar.compiler.codegen;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/** How Wasm value types map to JVM types, descriptors and local-variable opcodes (see {@link Abi}). */
public final class JvmTypes {
    private JvmTypes() {}

    public static Type asmType(ValType t) { return Type.getType(Abi.jvmClass(t)); }

    public static int loadOpcode(ValType t) { return asmType(t).getOpcode(Opcodes.ILOAD); }

    public static int storeOpcode(ValType t) { return asmType(t).getOpcode(Opcodes.ISTORE); }

    public static int returnOpcode(ValType t) { return asmType(t).getOpcode(Opcodes.IRETURN); }

    /** JVM local slots a value of this type takes (2 for i64 and f64). */
    public static int slots(ValType t) { return asmType(t).getSize(); }

    /** Descriptor of a bound function handle, as {@link Abi#methodType(FuncType)}. */
    public static String descriptor(FuncType type) { return Abi.methodType(type).toMethodDescriptorString(); }

    /** Descriptor of a generated static function method: parameters, then the Instance. */
    public static String staticDescriptor(FuncType type) { return Abi.staticMethodType(type).toMethodDescriptorString(); }
}
