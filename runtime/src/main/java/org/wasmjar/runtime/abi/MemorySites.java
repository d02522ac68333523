package org.wasmjar.runtime.abi;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bootstrap of generated code's memory loads and stores: {@code invokedynamic} sites whose target is a
 * little-endian {@link VarHandle} access on the memory {@code byte[]}. Why not static helpers: HotSpot's C2 stops
 * inlining ordinary methods once a compiled method plus its inlinees pass 8,000 bytes of bytecode, which a large
 * Wasm function (malloc, printf) reaches after a few dozen accesses, leaving each later access a real call. What
 * these targets are made of is force-inlined or intrinsic, so C2 inlines every access of any method.
 *
 * <p>A site is named {@code load}/{@code store} for an access of the site's value type (i32, i64, f32, f64) at
 * its width, or {@code load8}/{@code store8} ({@code B}) and {@code load16}/{@code store16} ({@code S}); it has
 * type {@code (int base, byte[] mem)T} or {@code (int base, T value, byte[] mem)void} and one static argument,
 * the memarg offset (an unsigned u32 as an int; a negative one is 2^31 or more, always out of bounds). An
 * {@code address} site, {@code (int base)int}, only computes the index {@code base + offset}, for code that reads
 * several parts near it. The effective address is computed unsigned without wrapping: a base the offset would carry
 * past 2^31 - 1 fails {@link Objects#checkIndex(int, int)}, and the access's own index check is the bounds check.
 * Both throw {@link IndexOutOfBoundsException}, which the call boundary turns into the "out of bounds memory access"
 * trap.
 */
public final class MemorySites {
    private MemorySites() {}

    private static final ConcurrentHashMap<String, MethodHandle> TARGETS = new ConcurrentHashMap<>();
    private static final MethodHandle CHECK_INDEX, ADD_EXACT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodType intOp = MethodType.methodType(int.class, int.class, int.class);
            CHECK_INDEX = lookup.findStatic(Objects.class, "checkIndex", intOp);
            ADD_EXACT = lookup.findStatic(Math.class, "addExact", intOp);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Links one access site; every site of the same name, type and offset shares one target. */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type, int offset) {
        String key = name + type.toMethodDescriptorString() + offset;
        return new ConstantCallSite(TARGETS.computeIfAbsent(key, k -> target(name, type, offset)));
    }

    private static MethodHandle target(String name, MethodType type, int offset) {
        if (name.equals("address")) {
            if (!type.equals(MethodType.methodType(int.class, int.class))) {
                throw new IllegalArgumentException("address sites have type (I)I");
            }
            return offset == 0 ? MethodHandles.identity(int.class) : address(offset);
        }
        boolean load = name.startsWith("load");
        if (!load && !name.startsWith("store")) throw new IllegalArgumentException("no memory access named " + name);
        Class<?> value = load ? type.returnType() : type.parameterType(1);
        String width = name.substring(load ? 4 : 5);
        VarHandle handle = switch (width) {
            case "" -> view(value);
            case "8" -> MethodHandles.arrayElementVarHandle(byte[].class);
            case "16" -> view(short.class);
            default -> throw new IllegalArgumentException("no memory access named " + name);
        };
        MethodType expected = load ? MethodType.methodType(value, int.class, byte[].class)
                : MethodType.methodType(void.class, int.class, value, byte[].class);
        if (handle.varType() != value || !expected.equals(type)) {
            throw new IllegalArgumentException("no memory access " + name + " of type " + type);
        }
        // the VarHandle takes (byte[] mem, int index[, value]); the site passes (base[, value], mem)
        MethodHandle access = load
                ? MethodHandles.permuteArguments(handle.toMethodHandle(VarHandle.AccessMode.GET), type, 1, 0)
                : MethodHandles.permuteArguments(handle.toMethodHandle(VarHandle.AccessMode.SET), type, 2, 0, 1);
        return offset == 0 ? access : MethodHandles.filterArguments(access, 0, address(offset));
    }

    /**
     * {@code (int base)int}: the index {@code base + offset}, throwing when it would be 2^31 or more (a negative
     * base is 2^31 or more unsigned). An offset of 2^31 or more is negative as an int and always out of bounds.
     */
    private static MethodHandle address(int offset) {
        if (offset < 0) return MethodHandles.insertArguments(CHECK_INDEX, 1, 0);
        MethodHandle check = MethodHandles.insertArguments(CHECK_INDEX, 1, Integer.MIN_VALUE - offset); // 2^31 - offset
        return MethodHandles.filterReturnValue(check, MethodHandles.insertArguments(ADD_EXACT, 1, offset));
    }

    private static VarHandle view(Class<?> type) {
        Class<?> array = type == int.class ? int[].class : type == long.class ? long[].class
                : type == float.class ? float[].class : type == double.class ? double[].class
                : type == short.class ? short[].class : null;
        if (array == null) throw new IllegalArgumentException("no memory view of " + type);
        return MethodHandles.byteArrayViewVarHandle(array, ByteOrder.LITTLE_ENDIAN);
    }
}
