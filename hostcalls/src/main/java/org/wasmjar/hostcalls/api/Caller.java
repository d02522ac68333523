package org.wasmjar.hostcalls.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.wasmjar.runtime.abi.TypeIds;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.types.FuncType;

/**
 * What a host function may do with its caller: read and write the calling instance's memory, and find a guest
 * function in its function table to call. Pointers and lengths are unsigned 32-bit. Every failure is a {@link Trap}
 * whose message starts with {@code what}, the name of the host function asking (e.g. {@code "text.upper"}), so a
 * guest that passes a bad pointer learns which call it was. Memory is read afresh on each call: a guest call (or
 * {@code memory.grow}) may replace the array.
 */
public final class Caller {
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Caller() {}

    /** The caller's memory bytes; a module without memory traps. */
    public static byte[] memory(Instance inst, String what) {
        if (inst.memory == null) throw new Trap(TrapKind.HOST, what + ": the module has no memory");
        return inst.memory.bytes;
    }

    /** Whether [ptr, ptr+len) lies inside the caller's memory (false when it has none). */
    public static boolean inBounds(Instance inst, int ptr, long len) {
        return inst.memory != null && len >= 0 && Integer.toUnsignedLong(ptr) + len <= inst.memory.bytes.length;
    }

    /** Checks that [ptr, ptr+len) lies in memory and returns ptr as an array index; otherwise an out-of-bounds trap. */
    public static int check(Instance inst, int ptr, long len, String what) {
        byte[] mem = memory(inst, what);
        if (len < 0 || Integer.toUnsignedLong(ptr) + len > mem.length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY, what + ": " + len + " bytes at 0x" + Integer.toHexString(ptr) + " are outside memory (" + mem.length + " bytes)");
        }
        return ptr;
    }

    /** A copy of the bytes at [ptr, ptr+len). */
    public static byte[] read(Instance inst, int ptr, int len, String what) {
        int at = check(inst, ptr, Integer.toUnsignedLong(len), what);
        return Arrays.copyOfRange(inst.memory.bytes, at, at + len);
    }

    /** The UTF-8 text at [ptr, ptr+len); malformed UTF-8 traps. */
    public static String readUtf8(Instance inst, int ptr, int len, String what) {
        int at = check(inst, ptr, Integer.toUnsignedLong(len), what);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(inst.memory.bytes, at, len)).toString();
        } catch (CharacterCodingException e) {
            throw new Trap(TrapKind.HOST, what + ": the text at 0x" + Integer.toHexString(ptr) + " is not UTF-8");
        }
    }

    /** Copies {@code src} to [ptr, ptr+src.length). */
    public static void write(Instance inst, int ptr, byte[] src, String what) {
        System.arraycopy(src, 0, inst.memory.bytes, check(inst, ptr, src.length, what), src.length);
    }

    public static int i32(Instance inst, int ptr, String what) {
        return (int) I32.get(memory(inst, what), check(inst, ptr, 4, what));
    }

    public static void putI32(Instance inst, int ptr, int value, String what) {
        I32.set(memory(inst, what), check(inst, ptr, 4, what), value);
    }

    public static long i64(Instance inst, int ptr, String what) {
        return (long) I64.get(memory(inst, what), check(inst, ptr, 8, what));
    }

    public static void putI64(Instance inst, int ptr, long value, String what) {
        I64.set(memory(inst, what), check(inst, ptr, 8, what), value);
    }

    /**
     * The function at {@code index} of the caller's table 0 (where C and Rust put function pointers, exported or not),
     * checked to have {@code type}. Once checked, call it through {@link WasmFunction#handle} with
     * {@code invokeExact} and the type's primitive signature ({@link org.wasmjar.runtime.abi.Abi#methodType}): no
     * boxing. Route a failure of that call through {@link org.wasmjar.runtime.api.Invoker#guestFailure}. An index
     * outside the table, an empty entry or another type traps, the message naming {@code what}.
     */
    public static WasmFunction tableFunction(Instance inst, int index, FuncType type, String what) {
        if (inst.tables == null || inst.tables.length == 0) {
            throw new Trap(TrapKind.HOST, what + ": the module has no function table"
                    + " (C guests: link with -Wl,--export-table, or wasm-ld drops the table when nothing calls through it)");
        }
        Table table = inst.tables[0];
        if (Integer.toUnsignedLong(index) >= table.size) {
            throw new Trap(TrapKind.UNDEFINED_ELEMENT, what + ": table index " + Integer.toUnsignedString(index)
                    + " is outside the table (size " + table.size + ")");
        }
        if (!(table.elements[index] instanceof WasmFunction f)) {
            throw new Trap(TrapKind.UNINITIALIZED_ELEMENT, what + ": table index " + index + " holds no function");
        }
        if (f.typeId != TypeIds.of(type)) {
            throw new Trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, what + ": table index " + index + " is " + f
                    + " of type " + f.type + ", expected " + type);
        }
        return f;
    }
}
