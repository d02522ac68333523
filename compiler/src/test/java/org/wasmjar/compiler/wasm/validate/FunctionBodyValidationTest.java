package org.wasmjar.compiler.wasm.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.wasmjar.compiler.wasm.model.Opcodes.*;
import static org.wasmjar.compiler.wasm.validate.ModuleBuilder.*;
import static org.wasmjar.runtime.types.ValType.EXTERNREF;
import static org.wasmjar.runtime.types.ValType.F32;
import static org.wasmjar.runtime.types.ValType.FUNCREF;
import static org.wasmjar.runtime.types.ValType.I32;
import static org.wasmjar.runtime.types.ValType.I64;
import static org.wasmjar.runtime.types.ValType.V128;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.wasm.model.BlockType;
import org.wasmjar.compiler.wasm.model.DataSegment;
import org.wasmjar.compiler.wasm.model.ElementSegment;
import org.wasmjar.compiler.wasm.model.Global;
import org.wasmjar.compiler.wasm.model.Instruction;
import org.wasmjar.compiler.wasm.model.LocalDecl;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.MemoryType;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.TableType;
import org.wasmjar.runtime.types.ValType;

/** Function bodies: the operand and control stack algorithm, index checks and operator typing. */
class FunctionBodyValidationTest {
    private static final FuncType VOID = sig(List.of(), List.of());
    private static final FuncType TO_I32 = sig(List.of(), List.of(I32));
    private static final FuncType I32_TO_I32 = sig(List.of(I32), List.of(I32));

    private static void valid(FuncType t, Instruction... code) {
        Validator.validate(new ModuleBuilder().func(t, code).build());
    }

    private static InvalidModuleException invalid(String reason, FuncType t, Instruction... code) {
        return assertInvalid(reason, new ModuleBuilder().func(t, code).build());
    }

    private static ModuleBuilder withMemory() {
        ModuleBuilder b = new ModuleBuilder();
        b.memories.add(new MemoryType(new Limits(1, -1)));
        return b;
    }

    @Test
    void arithmeticIsTyped() {
        valid(I32_TO_I32, op(LOCAL_GET, 0), i32(1), op(I32_ADD));
        valid(TO_I32, f32(1), op(I32_REINTERPRET_F32));
        invalid("type mismatch", I32_TO_I32, op(LOCAL_GET, 0), i64(1), op(I32_ADD));
        invalid("type mismatch", TO_I32, op(I32_ADD));
        invalid("type mismatch", TO_I32, i64(1));
        invalid("type mismatch", VOID, i32(1));
        invalid("type mismatch", TO_I32, i32(1), i32(2));
    }

    @Test
    void errorCarriesTheInstructionOffset() {
        InvalidModuleException e = invalid("type mismatch", TO_I32, i32(1), i64(1), op(I32_ADD));
        assertEquals(102, e.offset());
        assertEquals("invalid: type mismatch at offset 0x66", e.getMessage());
    }

    @Test
    void unreachableMakesTheStackPolymorphic() {
        valid(TO_I32, op(UNREACHABLE), op(I32_ADD));
        valid(TO_I32, op(UNREACHABLE), op(SELECT));
        valid(VOID, op(UNREACHABLE), op(DROP), op(DROP));
        valid(TO_I32, i32(9), op(RETURN), op(I64_ADD), op(DROP), i32(0));
        invalid("type mismatch", TO_I32, op(UNREACHABLE), i64(0), op(I32_ADD));
        // polymorphism ends with the block: the outer frame is still typed
        invalid("type mismatch", TO_I32, block(BLOCK, BlockType.EMPTY), op(UNREACHABLE), op(END), op(I32_ADD));
    }

    @Test
    void blocksCheckTheirTypes() {
        valid(TO_I32, block(BLOCK, BlockType.of(I32)), i32(1), op(END));
        invalid("type mismatch", TO_I32, block(BLOCK, BlockType.of(I32)), op(END));
        invalid("type mismatch", TO_I32, block(BLOCK, BlockType.of(I32)), i64(1), op(END));
        // a block cannot pop values from outside
        invalid("type mismatch", TO_I32, i32(1), block(BLOCK, BlockType.of(I32)), op(END));
    }

    @Test
    void multiValueBlocksTakeParameters() {
        ModuleBuilder b = new ModuleBuilder();
        int pair = b.type(sig(List.of(I32, I64), List.of(I64, I32)));
        b.func(TO_I32, i32(1), i64(2), block(BLOCK, BlockType.ofIndex(pair)),
            op(DROP), op(DROP), i64(3), i32(4), op(END), op(DROP), op(I32_WRAP_I64));
        b.func(TO_I32, i32(1), i64(2), block(LOOP, BlockType.ofIndex(pair)),
            op(BR_IF, 0), op(END));
        assertInvalid("type mismatch", b.build());
        ModuleBuilder c = new ModuleBuilder();
        int t = c.type(sig(List.of(I32), List.of(I32)));
        c.func(TO_I32, i32(1), block(LOOP, BlockType.ofIndex(t)), op(END));
        Validator.validate(c.build());
        ModuleBuilder d = new ModuleBuilder();
        d.func(TO_I32, block(BLOCK, BlockType.ofIndex(5)), op(END));
        assertInvalid("unknown type", d.build());
    }

    @Test
    void ifWithoutElseMustPassItsParametersThrough() {
        ModuleBuilder b = new ModuleBuilder();
        int same = b.type(I32_TO_I32);
        b.func(TO_I32, i32(5), i32(1), block(IF, BlockType.ofIndex(same)), i32(1), op(I32_ADD), op(END));
        Validator.validate(b.build());
        invalid("type mismatch", TO_I32, i32(1), block(IF, BlockType.of(I32)), i32(1), op(END));
        valid(TO_I32, i32(1), block(IF, BlockType.of(I32)), i32(1), op(ELSE), i32(2), op(END));
        invalid("type mismatch", TO_I32, i32(1), block(IF, BlockType.of(I32)), i32(1), op(ELSE), op(END));
        invalid("type mismatch", VOID, i64(1), block(IF, BlockType.EMPTY), op(END));
    }

    @Test
    void branchesUseLabelTypes() {
        valid(TO_I32, block(BLOCK, BlockType.of(I32)), i32(1), op(BR, 0), op(END));
        valid(TO_I32, i32(7), op(BR, 0));
        invalid("type mismatch", TO_I32, block(BLOCK, BlockType.of(I32)), i64(1), op(BR, 0), op(END));
        // a loop label takes the loop's parameters, here none
        valid(TO_I32, block(LOOP, BlockType.of(I32)), op(BR, 0), op(END));
        invalid("unknown label", VOID, op(BR, 1));
        invalid("unknown label", VOID, op(BR, -1));
        valid(TO_I32, block(BLOCK, BlockType.of(I32)), i32(1), i32(0), op(BR_IF, 0), op(END));
        invalid("type mismatch", TO_I32, block(BLOCK, BlockType.of(I32)), i32(1), op(BR_IF, 0), op(END));
    }

    @Test
    void brTableNeedsConsistentLabels() {
        valid(TO_I32, block(BLOCK, BlockType.of(I32)), i32(1), i32(0), brTable(0, 1, 0), op(END));
        invalid("type mismatch", TO_I32, block(BLOCK, BlockType.EMPTY), i32(1), i32(0), brTable(0, 1), op(END), i32(0));
        invalid("unknown label", VOID, i32(0), brTable(0, 3));
        // in unreachable code labels of the same arity but different types are fine (spec unreached-valid)
        valid(VOID, block(BLOCK, BlockType.of(F32)), block(BLOCK, BlockType.of(I64)),
            op(UNREACHABLE), brTable(0, 1), op(END), op(DROP), f32(0), op(END), op(DROP));
        invalid("type mismatch", VOID, block(BLOCK, BlockType.of(F32)), block(BLOCK, BlockType.of(I64)),
            op(UNREACHABLE), f32(1), i32(0), brTable(0, 1), op(END), op(DROP), f32(0), op(END), op(DROP));
    }

    @Test
    void selectIsForNumbersAndVectorsUnlessTyped() {
        valid(TO_I32, i32(1), i32(2), i32(0), op(SELECT));
        valid(sig(List.of(), List.of(V128)), v128(), v128(), i32(0), op(SELECT));
        invalid("type mismatch", TO_I32, i32(1), i64(2), i32(0), op(SELECT));
        invalid("type mismatch", VOID, withExtra(REF_NULL, 0, FUNCREF), withExtra(REF_NULL, 0, FUNCREF), i32(0),
            op(SELECT), op(DROP));
        valid(VOID, withExtra(REF_NULL, 0, FUNCREF), withExtra(REF_NULL, 0, FUNCREF), i32(0),
            withExtra(SELECT_T, 0, new ValType[] {FUNCREF}), op(DROP));
        invalid("invalid result arity", VOID, i32(1), i32(1), i32(0), withExtra(SELECT_T, 0, new ValType[] {I32, I32}));
        valid(sig(List.of(), List.of(EXTERNREF)), op(UNREACHABLE), withExtra(SELECT_T, 0, new ValType[] {EXTERNREF}));
    }

    @Test
    void localsAreTypedAndBounded() {
        ModuleBuilder b = new ModuleBuilder();
        b.func(sig(List.of(I32), List.of(I64)), List.of(new LocalDecl(2, F32), new LocalDecl(1, I64)),
            op(LOCAL_GET, 3), op(LOCAL_GET, 2), op(LOCAL_SET, 1), op(LOCAL_GET, 0), op(LOCAL_TEE, 0), op(DROP));
        Validator.validate(b.build());
        invalid("unknown local 1", I32_TO_I32, op(LOCAL_GET, 1));
        invalid("unknown local 4294967295", I32_TO_I32, op(LOCAL_GET, -1));
        invalid("type mismatch", I32_TO_I32, i64(0), op(LOCAL_TEE, 0));
    }

    @Test
    void localsUpToTheLimitAreTypedAndMoreAreAnImplementationLimit() {
        // the v128 parameter and 49,999 declared locals: 50,000, wasmjar's limit
        List<LocalDecl> decls = List.of(new LocalDecl(30_000, I32), new LocalDecl(19_998, I64), new LocalDecl(1, F32));
        ModuleBuilder b = new ModuleBuilder();
        b.func(sig(List.of(V128), List.of()), decls, op(LOCAL_GET, 0), op(DROP), op(LOCAL_GET, 30_001),
            op(I32_WRAP_I64), op(LOCAL_SET, 30_000), op(LOCAL_GET, 49_999), op(I32_REINTERPRET_F32), op(LOCAL_SET, 5));
        Validator.validate(b.build());
        ModuleBuilder c = new ModuleBuilder();
        c.func(sig(List.of(V128), List.of()), decls, op(LOCAL_GET, 50_000), op(DROP));
        assertInvalid("unknown local 50000", c.build());
        // valid Wasm (at most 2^32 - 1 locals), but past what wasmjar (like V8 and wasmtime) compiles
        ModuleBuilder d = new ModuleBuilder();
        d.func(sig(List.of(V128), List.of()), List.of(new LocalDecl(100_000, I32), new LocalDecl(3_000_000_000L, I64)));
        assertThrows(ImplementationLimitException.class, () -> Validator.validate(d.build()));
    }

    @Test
    void globalsMustExistAndBeMutableToSet() {
        ModuleBuilder b = new ModuleBuilder();
        b.globals.add(new Global(new GlobalType(I32, false), expr(i32(0))));
        b.globals.add(new Global(new GlobalType(I64, true), expr(i64(0))));
        b.func(VOID, op(GLOBAL_GET, 0), op(DROP), i64(1), op(GLOBAL_SET, 1));
        Validator.validate(b.build());
        b.func(VOID, i32(1), op(GLOBAL_SET, 0));
        assertInvalid("global is immutable", b.build());
        invalid("unknown global 0", VOID, op(GLOBAL_GET, 0), op(DROP));
    }

    @Test
    void callsUseTheCalleeSignature() {
        ModuleBuilder b = new ModuleBuilder();
        b.imports.add(org.wasmjar.runtime.types.Import.func("env", "f", b.type(sig(List.of(I32, I64), List.of(F32)))));
        b.func(VOID, i32(1), i64(2), op(CALL, 0), op(DROP));
        Validator.validate(b.build());
        b.func(VOID, i64(2), i32(1), op(CALL, 0), op(DROP));
        assertInvalid("type mismatch", b.build());
        invalid("unknown function 3", VOID, op(CALL, 3));
    }

    @Test
    void callIndirectNeedsAFuncrefTable() {
        ModuleBuilder b = new ModuleBuilder();
        b.tables.add(new TableType(EXTERNREF, new Limits(1, -1)));
        b.tables.add(new TableType(FUNCREF, new Limits(1, -1)));
        int t = b.type(I32_TO_I32);
        b.func(TO_I32, i32(1), i32(0), op(CALL_INDIRECT, t, 1));
        Validator.validate(b.build());
        b.func(TO_I32, i32(1), i32(0), op(CALL_INDIRECT, t, 0));
        assertInvalid("type mismatch", b.build());
        invalid("unknown table 0", TO_I32, i32(0), op(CALL_INDIRECT, 0, 0));
    }

    @Test
    void refFuncNeedsADeclaration() {
        ModuleBuilder b = new ModuleBuilder();
        b.func(VOID, op(REF_FUNC, 0), op(REF_IS_NULL), op(DROP));
        assertInvalid("undeclared function reference", b.build());
        b.exports.add(new Export("f", ExternKind.FUNC, 0));
        Validator.validate(b.build());
        ModuleBuilder c = new ModuleBuilder();
        c.func(VOID, op(REF_FUNC, 1), op(DROP)).func(VOID);
        c.elements.add(new ElementSegment(SegmentMode.DECLARATIVE, FUNCREF, -1, null, List.of(expr(op(REF_FUNC, 1)))));
        Validator.validate(c.build());
        invalid("type mismatch", VOID, i32(0), op(REF_IS_NULL), op(DROP));
    }

    @Test
    void memoryOperatorsNeedAMemoryAndNaturalAlignment() {
        Validator.validate(withMemory().func(TO_I32, i32(0), mem(I32_LOAD, 2, 8)).build());
        Validator.validate(withMemory().func(VOID, i32(0), i64(1), mem(I64_STORE32, 1, 0)).build());
        assertInvalid("alignment must not be larger than natural", withMemory().func(TO_I32, i32(0), mem(I32_LOAD8_U, 1, 0)).build());
        assertInvalid("alignment must not be larger than natural", withMemory().func(TO_I32, i32(0), mem(I32_LOAD, -1, 0)).build());
        invalid("unknown memory 0", TO_I32, i32(0), mem(I32_LOAD, 2, 0));
        invalid("unknown memory 0", TO_I32, op(MEMORY_SIZE, 0));
        Validator.validate(withMemory().func(TO_I32, i32(1), op(MEMORY_GROW, 0)).build());
        Validator.validate(withMemory().func(VOID, i32(0), i32(0), i32(0), op(MEMORY_FILL, 0),
            i32(0), i32(0), i32(0), op(MEMORY_COPY, 0, 0)).build());
    }

    @Test
    void dataOperatorsNeedTheDataCountSection() {
        ModuleBuilder b = withMemory();
        b.data.add(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[3]));
        b.func(VOID, i32(0), i32(0), i32(1), op(MEMORY_INIT, 0, 0), op(DATA_DROP, 0));
        assertInvalid("data count section required", b.build());
        b.dataCount = 1;
        Validator.validate(b.build());
        b.func(VOID, op(DATA_DROP, 1));
        assertInvalid("unknown data segment 1", b.build());
    }

    @Test
    void tableOperatorsMatchElementTypes() {
        ModuleBuilder b = new ModuleBuilder();
        b.tables.add(new TableType(FUNCREF, new Limits(1, -1)));
        b.tables.add(new TableType(EXTERNREF, new Limits(1, -1)));
        b.elements.add(new ElementSegment(SegmentMode.PASSIVE, FUNCREF, -1, null, List.of()));
        b.func(VOID, i32(0), op(TABLE_GET, 1), i32(0), op(TABLE_GROW, 1), op(DROP), op(TABLE_SIZE, 1), op(DROP),
            i32(0), i32(0), i32(0), op(TABLE_INIT, 0, 0), op(ELEM_DROP, 0),
            i32(0), i32(0), i32(0), op(TABLE_COPY, 1, 1),
            i32(0), withExtra(REF_NULL, 0, FUNCREF), i32(1), op(TABLE_FILL, 0),
            i32(0), withExtra(REF_NULL, 0, EXTERNREF), op(TABLE_SET, 1));
        Validator.validate(b.build());
        b.func(VOID, i32(0), i32(0), i32(0), op(TABLE_COPY, 0, 1));
        assertInvalid("type mismatch", b.build());
        b.codes.remove(1);
        b.functions.remove(1);
        b.func(VOID, i32(0), i32(0), i32(0), op(TABLE_INIT, 0, 1));
        assertInvalid("type mismatch", b.build());
        invalid("unknown elem segment 0", VOID, op(ELEM_DROP, 0));
        invalid("unknown table 0", TO_I32, op(TABLE_SIZE, 0));
    }

    @Test
    void simdOperatorsAreTyped() {
        FuncType toV128 = sig(List.of(), List.of(V128));
        valid(toV128, v128(), v128(), op(I8X16_ADD));
        valid(toV128, v128(), i32(3), op(I16X8_SHL));
        valid(toV128, v128(), v128(), v128(), op(V128_BITSELECT));
        valid(TO_I32, v128(), op(I32X4_ALL_TRUE));
        valid(toV128, i64(1), op(I64X2_SPLAT));
        valid(toV128, v128(), op(F64X2_PROMOTE_LOW_F32X4));
        valid(sig(List.of(), List.of(I64)), v128(), op(I64X2_EXTRACT_LANE, 1));
        valid(toV128, v128(), f32(1), op(F32X4_REPLACE_LANE, 3));
        invalid("type mismatch", toV128, v128(), i64(3), op(I16X8_SHL));
        invalid("type mismatch", toV128, v128(), op(I8X16_ADD));
        invalid("invalid lane index", sig(List.of(), List.of(I64)), v128(), op(I64X2_EXTRACT_LANE, 2));
        invalid("invalid lane index", TO_I32, v128(), op(I8X16_EXTRACT_LANE_U, 16));
        byte[] lanes = new byte[16];
        lanes[15] = 31;
        valid(toV128, v128(), v128(), withExtra(I8X16_SHUFFLE, 0, lanes));
        lanes[15] = 32;
        invalid("invalid lane index", toV128, v128(), v128(), withExtra(I8X16_SHUFFLE, 0, lanes.clone()));
    }

    @Test
    void simdMemoryOperatorsCheckAlignmentAndLane() {
        FuncType toV128 = sig(List.of(), List.of(V128));
        Validator.validate(withMemory().func(toV128, i32(0), mem(V128_LOAD, 4, 0)).build());
        Validator.validate(withMemory().func(toV128, i32(0), mem(V128_LOAD16X4_S, 3, 0)).build());
        assertInvalid("alignment must not be larger than natural", withMemory().func(toV128, i32(0), mem(V128_LOAD8_SPLAT, 1, 0)).build());
        Validator.validate(withMemory().func(toV128, i32(0), v128(), new Instruction(V128_LOAD16_LANE, 0, 1, 0, 0, 7)).build());
        assertInvalid("invalid lane index", withMemory().func(toV128, i32(0), v128(), new Instruction(V128_LOAD16_LANE, 0, 1, 0, 0, 8)).build());
        Validator.validate(withMemory().func(VOID, i32(0), v128(), new Instruction(V128_STORE64_LANE, 0, 3, 0, 0, 1)).build());
        assertInvalid("alignment must not be larger than natural", withMemory().func(VOID, i32(0), v128(), new Instruction(V128_STORE32_LANE, 0, 3, 0, 0, 1)).build());
    }

    @Test
    void bodyMustEndExactlyAtItsLastEnd() {
        ModuleBuilder b = new ModuleBuilder();
        b.func(VOID, block(BLOCK, BlockType.EMPTY));
        assertInvalid("unexpected end of section or function", b.build());
        ModuleBuilder c = new ModuleBuilder();
        c.func(VOID, op(END), op(NOP));
        assertInvalid("operators remaining after end of function", c.build());
        invalid("else without if", VOID, block(BLOCK, BlockType.EMPTY), op(ELSE), op(END));
    }
}
