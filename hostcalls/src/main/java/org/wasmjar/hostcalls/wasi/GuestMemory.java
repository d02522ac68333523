package org.wasmjar.hostcalls.wasi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.wasmjar.runtime.instance.Instance;

/**
 * Bounds-checked little-endian access to a guest's memory. Pointers and lengths are unsigned 32-bit; a range outside
 * memory is {@link Errno#FAULT}, never a host exception. Reads {@code inst.memory.bytes} afresh on every call, since
 * growing memory replaces the array.
 */
final class GuestMemory {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private GuestMemory() {}

    static byte[] bytes(Instance inst) {
        if (inst.memory == null) throw new WasiError(Errno.FAULT);
        return inst.memory.bytes;
    }

    /** Checks that [ptr, ptr+len) lies in memory and returns ptr as an array index. */
    static int check(byte[] mem, int ptr, long len) {
        long start = Integer.toUnsignedLong(ptr);
        if (len < 0 || start + len > mem.length) throw new WasiError(Errno.FAULT);
        return (int) start;
    }

    static int check(Instance inst, int ptr, long len) { return check(bytes(inst), ptr, len); }

    static int u8(Instance inst, int ptr) { byte[] m = bytes(inst); return m[check(m, ptr, 1)] & 0xFF; }

    static int u16(Instance inst, int ptr) { byte[] m = bytes(inst); return (short) I16.get(m, check(m, ptr, 2)) & 0xFFFF; }

    static int i32(Instance inst, int ptr) { byte[] m = bytes(inst); return (int) I32.get(m, check(m, ptr, 4)); }

    static long i64(Instance inst, int ptr) { byte[] m = bytes(inst); return (long) I64.get(m, check(m, ptr, 8)); }

    static void putI32(Instance inst, int ptr, int v) { byte[] m = bytes(inst); I32.set(m, check(m, ptr, 4), v); }

    static void putI64(Instance inst, int ptr, long v) { byte[] m = bytes(inst); I64.set(m, check(m, ptr, 8), v); }

    /** Unchecked stores into a buffer whose range the caller checked (struct building). */
    static void setI32(byte[] m, int at, int v) { I32.set(m, at, v); }

    static void setI64(byte[] m, int at, long v) { I64.set(m, at, v); }

    static void setI16(byte[] m, int at, int v) { I16.set(m, at, (short) v); }

    /** The guest's UTF-8 string at [ptr, ptr+len); malformed UTF-8 is {@link Errno#ILSEQ}. */
    static String string(Instance inst, int ptr, int len) {
        byte[] m = bytes(inst);
        int at = check(m, ptr, Integer.toUnsignedLong(len));
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(m, at, len)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new WasiError(Errno.ILSEQ);
        }
    }

    static void write(Instance inst, int ptr, byte[] src, int off, int len) {
        byte[] m = bytes(inst);
        System.arraycopy(src, off, m, check(m, ptr, len), len);
    }
}
