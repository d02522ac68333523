package org.wasmjar.compiler.wasm.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.wasmjar.compiler.wasm.model.BlockType;
import org.wasmjar.compiler.wasm.model.ConstExpr;
import org.wasmjar.compiler.wasm.model.DataSegment;
import org.wasmjar.compiler.wasm.model.ElementSegment;
import org.wasmjar.compiler.wasm.model.FunctionBody;
import org.wasmjar.compiler.wasm.model.Global;
import org.wasmjar.compiler.wasm.model.Instruction;
import org.wasmjar.compiler.wasm.model.LocalDecl;
import org.wasmjar.compiler.wasm.model.Names;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.model.WasmModule;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.MemoryType;
import org.wasmjar.runtime.types.TableType;
import org.wasmjar.runtime.types.ValType;

/** Builds {@link WasmModule} records for tests, the way the parser would produce them. */
final class ModuleBuilder {
    final List<FuncType> types = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    final List<Integer> functions = new ArrayList<>();
    final List<FunctionBody> codes = new ArrayList<>();
    final List<TableType> tables = new ArrayList<>();
    final List<MemoryType> memories = new ArrayList<>();
    final List<Global> globals = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    final List<ElementSegment> elements = new ArrayList<>();
    final List<DataSegment> data = new ArrayList<>();
    int start = -1;
    int dataCount = -1;
    Names names = Names.EMPTY;

    static FuncType sig(List<ValType> params, List<ValType> results) { return new FuncType(params, results); }

    /** Index of the type, added if new. */
    int type(FuncType t) {
        int i = types.indexOf(t);
        if (i >= 0) return i;
        types.add(t);
        return types.size() - 1;
    }

    /** Adds a function whose body is {@code code} plus the final {@code end}; instruction offsets are 100, 101, ... */
    ModuleBuilder func(FuncType t, List<LocalDecl> locals, Instruction... code) {
        functions.add(type(t));
        List<Instruction> body = new ArrayList<>();
        for (Instruction in : code) body.add(new Instruction(in.opcode(), 100 + body.size(), in.a(), in.b(), in.c(), in.extra()));
        body.add(new Instruction(Opcodes.END, 100 + body.size(), 0, 0, 0, null));
        codes.add(new FunctionBody(locals, body, 50));
        return this;
    }

    ModuleBuilder func(FuncType t, Instruction... code) { return func(t, List.of(), code); }

    WasmModule build() {
        return new WasmModule(types, imports, functions, tables, memories, globals, exports, start, elements,
            dataCount, codes, data, names, List.of());
    }

    // ---- instructions

    static Instruction op(int opcode) { return new Instruction(opcode, 0, 0, 0, 0, null); }

    static Instruction op(int opcode, int a) { return new Instruction(opcode, 0, a, 0, 0, null); }

    static Instruction op(int opcode, int a, int b) { return new Instruction(opcode, 0, a, b, 0, null); }

    static Instruction withExtra(int opcode, int a, Object extra) { return new Instruction(opcode, 0, a, 0, 0, extra); }

    static Instruction i32(int v) { return new Instruction(Opcodes.I32_CONST, 0, 0, 0, v, null); }

    static Instruction i64(long v) { return new Instruction(Opcodes.I64_CONST, 0, 0, 0, v, null); }

    static Instruction f32(float v) { return new Instruction(Opcodes.F32_CONST, 0, 0, 0, Float.floatToRawIntBits(v), null); }

    static Instruction v128() { return withExtra(Opcodes.V128_CONST, 0, new byte[16]); }

    static Instruction block(int opcode, BlockType type) { return withExtra(opcode, 0, type); }

    static Instruction brTable(int... labels) { return withExtra(Opcodes.BR_TABLE, 0, labels); }

    /** A load or store: alignment exponent, memory 0, offset. */
    static Instruction mem(int opcode, int alignment, long offset) { return new Instruction(opcode, 0, alignment, 0, offset, null); }

    static ConstExpr expr(Instruction... code) { return new ConstExpr(List.of(code), 7); }

    // ---- assertions

    static InvalidModuleException assertInvalid(String reason, WasmModule m) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.validate(m));
        assertEquals(reason, e.reason());
        return e;
    }
}
