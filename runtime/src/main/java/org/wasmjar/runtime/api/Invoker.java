package org.wasmjar.runtime.api;

import java.util.List;
import org.wasmjar.runtime.abi.V128;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.load.Backtraces;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * Calls from the host into the guest with boxed values: i32, i64, f32, f64 as Integer, Long, Float, Double;
 * v128 as {@link V128}; references as Object (a funcref is a {@link WasmFunction}), null for {@code ref.null}.
 * Results come back as an array with one entry per Wasm result. Every call goes through {@link #call}, the one
 * place that turns JVM failures in guest code into {@link Trap}s ({@link #guestFailure}).
 */
public final class Invoker {
    private static final Object[] NO_RESULTS = new Object[0];

    private Invoker() {}

    /** Calls the function {@code inst} exports as {@code exportName}. */
    public static Object[] invoke(Instance inst, String exportName, Object... args) {
        Object export = inst.export(exportName);
        if (!(export instanceof WasmFunction f)) {
            throw new WasmjarException(export == null ? "no export named \"" + exportName + "\""
                    : "export \"" + exportName + "\" is a " + export.getClass().getSimpleName() + ", not a function");
        }
        return call(f, args);
    }

    /** Calls the function at {@code elementIndex} (unsigned) of table {@code tableIndex}, as {@code call_indirect} would find it. */
    public static Object[] callTableEntry(Instance inst, int tableIndex, int elementIndex, Object... args) {
        if (tableIndex < 0 || tableIndex >= inst.tables.length) {
            throw new WasmjarException("no table " + tableIndex + " (the instance has " + inst.tables.length + ")");
        }
        Table table = inst.tables[tableIndex];
        if (Integer.toUnsignedLong(elementIndex) >= table.size) {
            throw new Trap(TrapKind.UNDEFINED_ELEMENT, "index " + Integer.toUnsignedString(elementIndex) + ", table size " + table.size);
        }
        Object entry = table.elements[elementIndex];
        if (entry == null) throw new Trap(TrapKind.UNINITIALIZED_ELEMENT, "index " + elementIndex);
        if (!(entry instanceof WasmFunction f)) {
            throw new WasmjarException("table " + tableIndex + " entry " + elementIndex + " is no function: " + entry.getClass().getName());
        }
        return call(f, args);
    }

    /** Calls {@code f} with boxed arguments; the single entry point from host to guest. */
    public static Object[] call(WasmFunction f, Object... args) {
        Object[] checked = checkArguments(f, args == null ? NO_RESULTS : args);
        Object result;
        try {
            result = (Object) f.spreader().invokeExact(checked);
        } catch (Throwable t) {
            throw guestFailure(t);
        }
        return results(f.type, result);
    }

    /**
     * What to throw for a failure that escaped guest code: a {@link Trap} (with its Wasm backtrace) for the JVM
     * failures that are Wasm traps, the failure itself for other runtime exceptions and errors. Hosts that call
     * {@link WasmFunction#handle} directly should route their failures through here too.
     */
    public static RuntimeException guestFailure(Throwable t) {
        Trap trap = toTrap(t);
        if (trap != null) return trap;
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new WasmjarException("host function failed: " + t, t);
    }

    /** The trap a JVM failure in guest code stands for, or null when it is none. */
    static Trap toTrap(Throwable t) {
        Trap trap;
        if (t instanceof Trap known) {
            trap = known;
        } else if (causedByStackOverflow(t)) {
            trap = new Trap(TrapKind.CALL_STACK_EXHAUSTED, t);
        } else if (t instanceof IndexOutOfBoundsException || t instanceof NegativeArraySizeException) {
            // byte[] and VarHandle accesses past the end of memory; negative sizes come from unsigned lengths over 2^31.
            trap = new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY, t);
        } else if (t instanceof ArithmeticException) {
            trap = new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO, t);
        } else if (t instanceof OutOfMemoryError) {
            trap = new Trap(TrapKind.HOST, "the JVM ran out of memory");
            trap.addSuppressed(t);
        } else {
            return null;
        }
        if (trap.wasmBacktrace().isEmpty()) trap.setWasmBacktrace(Backtraces.of(t));
        return trap;
    }

    /** A stack overflow may surface wrapped, e.g. in an error of class initialisation or call-site linkage. */
    private static boolean causedByStackOverflow(Throwable t) {
        for (int depth = 0; t != null && depth < 8; t = t.getCause(), depth++) {
            if (t instanceof StackOverflowError) return true;
            if (t instanceof WasmjarException) return false;
        }
        return false;
    }

    private static Object[] checkArguments(WasmFunction f, Object[] args) {
        List<ValType> params = f.type.params();
        if (args.length != params.size()) {
            throw new WasmjarException(f + " takes " + params.size() + " arguments " + f.type + ", got " + args.length);
        }
        int vectors = 0;
        for (int i = 0; i < args.length; i++) {
            if (!fits(params.get(i), args[i])) {
                throw new WasmjarException("argument " + i + " of " + f + " must be " + params.get(i) + ", got "
                        + (args[i] == null ? "null" : args[i].getClass().getSimpleName() + " " + args[i]));
            }
            if (params.get(i) == ValType.V128) vectors++;
        }
        if (vectors == 0) return args;
        // The handle takes each v128 as two longs (see Abi).
        Object[] flat = new Object[args.length + vectors];
        int k = 0;
        for (int i = 0; i < args.length; i++) {
            if (params.get(i) == ValType.V128) {
                V128 v = (V128) args[i];
                flat[k++] = v.lo;
                flat[k++] = v.hi;
            } else {
                flat[k++] = args[i];
            }
        }
        return flat;
    }

    private static boolean fits(ValType type, Object value) {
        return switch (type) {
            case I32 -> value instanceof Integer;
            case I64 -> value instanceof Long;
            case F32 -> value instanceof Float;
            case F64 -> value instanceof Double;
            case FUNCREF -> value == null || value instanceof WasmFunction;
            case EXTERNREF -> true;
            case V128 -> value instanceof V128;
        };
    }

    private static Object[] results(FuncType type, Object result) {
        return switch (type.results().size()) {
            case 0 -> NO_RESULTS;
            case 1 -> new Object[] {result};
            // Generated code may reuse its multi-value array, so the host gets its own copy.
            default -> ((Object[]) result).clone();
        };
    }
}
