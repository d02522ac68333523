package org.wasmjar.runtime.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.jar.FunctionTable;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * A module instance as a host uses it: call its exports by name, call its function table's entries by index (the
 * values C function pointers hold), read and write its memory. Values are boxed as {@link Invoker} describes: i32,
 * i64, f32, f64 as Integer, Long, Float, Double; each call returns one array entry per Wasm result.
 *
 * <p>Get one from {@link org.wasmjar.runtime.jar.ModuleJar#instantiate}, or wrap an {@link Instance} with
 * {@link #of(Instance)} (e.g. in a host function, which receives its caller's instance). Calls run guest code on the
 * calling thread; deep guest recursion wants {@link GuestThread#run}. Not thread-safe, like the guest itself.
 */
public final class Guest {
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Instance instance;
    private final FunctionTable functionTable;

    private Guest(Instance instance, FunctionTable functionTable) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.functionTable = Objects.requireNonNull(functionTable, "functionTable");
    }

    /** Wraps an instance; its function table is computed from its module's descriptor. */
    public static Guest of(Instance instance) {
        return new Guest(instance, FunctionTable.of(instance.info));
    }

    /** Wraps an instance whose function table a module jar exported. */
    public static Guest of(Instance instance, FunctionTable functionTable) {
        return new Guest(instance, functionTable);
    }

    /** The underlying instance: register it in a {@link org.wasmjar.runtime.link.Linker} so other modules import its exports. */
    public Instance instance() { return instance; }

    public ModuleInfo info() { return instance.info; }

    /** The function table as the module jar exported it (its content after instantiation; see {@link FunctionTable}). */
    public FunctionTable functionTable() { return functionTable; }

    /** The type of exported function {@code name}; a clear error when there is no such function export. */
    public FuncType exportType(String name) {
        return exportedFunction(name).type;
    }

    /** Whether the module exports a function called {@code name}. */
    public boolean exportsFunction(String name) {
        return instance.info.exports().stream().anyMatch(e -> e.kind() == ExternKind.FUNC && e.name().equals(name));
    }

    /** Calls exported function {@code name}; arguments must match its parameter types exactly (Integer for i32, ...). */
    public Object[] call(String name, Object... args) {
        return Invoker.call(exportedFunction(name), args);
    }

    /** The size of the function table (table 0) now; 0 when the module has no table. */
    public int tableSize() {
        return instance.tables.length == 0 ? 0 : instance.tables[0].size;
    }

    /**
     * The function at {@code index} of the function table, checked like {@code call_indirect} checks it: an index
     * past the table's size is an "undefined element" trap, an empty slot "uninitialized element", a function of
     * another type than {@code expected} "indirect call type mismatch".
     */
    public WasmFunction tableFunction(int index, FuncType expected) {
        Objects.requireNonNull(expected, "expected");
        if (instance.tables.length == 0) throw new Trap(TrapKind.UNDEFINED_ELEMENT, "index " + Integer.toUnsignedString(index) + ", the module has no table");
        Table table = instance.tables[0];
        if (Integer.toUnsignedLong(index) >= table.size) {
            throw new Trap(TrapKind.UNDEFINED_ELEMENT, "index " + Integer.toUnsignedString(index) + ", table size " + table.size);
        }
        Object entry = table.elements[index];
        if (entry == null) throw new Trap(TrapKind.UNINITIALIZED_ELEMENT, "index " + index);
        if (!(entry instanceof WasmFunction f)) {
            throw new WasmjarException("table 0 entry " + index + " is no function: " + entry.getClass().getName());
        }
        if (!f.type.equals(expected)) {
            throw new Trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, "index " + index + " is " + f + " " + f.type + ", expected " + expected);
        }
        return f;
    }

    /** Calls the function at {@code index} of the function table after {@link #tableFunction}'s checks. */
    public Object[] callTableEntry(int index, FuncType expected, Object... args) {
        return Invoker.call(tableFunction(index, expected), args);
    }

    /** Bytes of memory 0 now (it can grow between calls); 0 when the module has no memory. */
    public long memorySize() {
        return instance.memory == null ? 0 : instance.memory.bytes.length;
    }

    /** A copy of {@code length} bytes of memory 0 at {@code address} (unsigned). */
    public byte[] read(int address, int length) {
        byte[] bytes = new byte[length];
        System.arraycopy(memory(), check(address, length), bytes, 0, length);
        return bytes;
    }

    /** Writes {@code bytes} into memory 0 at {@code address} (unsigned). */
    public void write(int address, byte[] bytes) {
        System.arraycopy(bytes, 0, memory(), check(address, bytes.length), bytes.length);
    }

    /** The little-endian i32 at {@code address}. */
    public int readI32(int address) {
        return (int) I32.get(memory(), check(address, 4));
    }

    public void writeI32(int address, int value) {
        I32.set(memory(), check(address, 4), value);
    }

    /** The little-endian i64 at {@code address}. */
    public long readI64(int address) {
        return (long) I64.get(memory(), check(address, 8));
    }

    public void writeI64(int address, long value) {
        I64.set(memory(), check(address, 8), value);
    }

    private byte[] memory() {
        Memory m = instance.memory;
        if (m == null) throw new WasmjarException("module " + nameForMessages() + " has no memory");
        return m.bytes;
    }

    /** The address as an array index, or an "out of bounds memory access" trap when the range leaves the memory. */
    private int check(int address, int length) {
        if (length < 0) throw new IllegalArgumentException("negative length " + length);
        long start = Integer.toUnsignedLong(address);
        long size = memorySize();
        if (start + length > size) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY, length + " bytes at 0x" + Long.toHexString(start) + ", memory size " + size);
        }
        return (int) start;
    }

    private WasmFunction exportedFunction(String name) {
        Object export = instance.export(name);
        if (export instanceof WasmFunction f) return f;
        throw new WasmjarException(export == null ? "no export named \"" + name + "\""
                : "export \"" + name + "\" is a " + export.getClass().getSimpleName() + ", not a function");
    }

    private String nameForMessages() {
        return instance.info.moduleName() != null ? instance.info.moduleName() : "(unnamed)";
    }
}
