package org.wasmjar.compiler.codegen;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * How Wasm value types map to JVM types, descriptors and local-variable opcodes (see {@link Abi}). A v128 local
 * is two long locals (low half at the first slot, high half two slots on), so the load and store opcodes of
 * scalars do not apply to it; as a single result it is a boxed {@link org.wasmjar.runtime.abi.V128}.
 */
public final class JvmTypes {
    private JvmTypes() {}

    /** The JVM type of a value as a single result (and, but for v128, as a local or parameter). */
    public static Type asmType(ValType t) { return Type.getType(Abi.jvmClass(t)); }

    public static int loadOpcode(ValType t) { return scalar(t).getOpcode(Opcodes.ILOAD); }

    public static int storeOpcode(ValType t) { return scalar(t).getOpcode(Opcodes.ISTORE); }

    public static int returnOpcode(ValType t) { return asmType(t).getOpcode(Opcodes.IRETURN); }

    /** JVM local slots a value of this type takes (2 for i64 and f64, 4 for v128). */
    public static int slots(ValType t) { return t == ValType.V128 ? 4 : asmType(t).getSize(); }

    /** Descriptor of a bound function handle, as {@link Abi#methodType(FuncType)}. */
    public static String descriptor(FuncType type) { return Abi.methodType(type).toMethodDescriptorString(); }

    /** Descriptor of a generated static function method: parameters, then the Instance. */
    public static String staticDescriptor(FuncType type) { return Abi.staticMethodType(type).toMethodDescriptorString(); }

    private static Type scalar(ValType t) {
        if (t == ValType.V128) throw new IllegalArgumentException("a v128 local is two long locals");
        return asmType(t);
    }
}
