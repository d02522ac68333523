package org.wasmjar.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.build.IrBuilder;
import org.wasmjar.compiler.ir.opt.Optimizer;
import org.wasmjar.compiler.wasm.model.BlockType;
import org.wasmjar.compiler.wasm.model.FunctionBody;
import org.wasmjar.compiler.wasm.model.Instruction;
import org.wasmjar.compiler.wasm.model.LocalDecl;
import org.wasmjar.compiler.wasm.model.Names;
import org.wasmjar.compiler.wasm.model.WasmModule;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.compiler.wasm.validate.Validator;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/** Deep nesting and long control-flow chains must build without recursion trouble, in about linear time. */
class LargeFunctionTest {
    private static final FuncType I32_TO_I32 = new FuncType(List.of(ValType.I32), List.of(ValType.I32));

    private static ValidatedModule module(List<Instruction> code, int extraLocals) {
        code.add(Instruction.of(END, 0));
        List<LocalDecl> locals = extraLocals == 0 ? List.of() : List.of(new LocalDecl(extraLocals, ValType.I32));
        WasmModule m = new WasmModule(List.of(I32_TO_I32), List.of(), List.of(0), List.of(), List.of(), List.of(),
                List.of(), -1, List.of(), -1, List.of(new FunctionBody(locals, code, 0)), List.of(),
                new Names(null, Map.of(), Map.of()), List.of());
        return Validator.validate(m);
    }

    private static Instruction op(int opcode, int a) { return new Instruction(opcode, 0, a, 0, 0, null); }

    private static Instruction i32(int value) { return new Instruction(I32_CONST, 0, 0, 0, value, null); }

    private static Instruction block(int opcode) { return new Instruction(opcode, 0, 0, 0, 0, BlockType.EMPTY); }

    private static IrFunction buildVerifyOptimise(ValidatedModule m) {
        IrFunction f = IrBuilder.build(m, 0);
        Verifier.verify(f);
        for (Optimizer.Pass p : Optimizer.PASSES) {
            p.run().test(f);
            Verifier.verify(f);
        }
        return f;
    }

    @Test
    void tenThousandNestedBlocksAndLoops() {
        int depth = 10_000;
        List<Instruction> code = new ArrayList<>();
        for (int i = 0; i < depth; i++) code.add(block(i % 2 == 0 ? BLOCK : LOOP));
        // Innermost: x = x + 1, leave every construct at once when x is odd.
        code.addAll(List.of(op(LOCAL_GET, 0), i32(1), op(I32_ADD, 0), op(LOCAL_TEE, 0), i32(1), op(I32_AND, 0),
                op(BR_IF, depth - 1)));
        for (int i = 0; i < depth; i++) code.add(Instruction.of(END, 0));
        code.add(op(LOCAL_GET, 0));
        IrFunction f = buildVerifyOptimise(module(code, 0));
        assertTrue(f.blocks.size() > depth);
        IrInterpreter interp = new IrInterpreter(module(new ArrayList<>(List.of(op(LOCAL_GET, 0))), 0), i -> f);
        assertArrayEquals(new long[] {5}, interp.call(0, new long[] {4}));
    }

    @Test
    void localReadAfterFiftyThousandMerges() {
        int n = 50_000;
        List<Instruction> code = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // if (p) { t = t + 1 } else { } : local 0 (p) is untouched, local 1 (t) changes on one arm
            code.addAll(List.of(op(LOCAL_GET, 0), block(IF), op(LOCAL_GET, 1), i32(1), op(I32_ADD, 0), op(LOCAL_SET, 1),
                    Instruction.of(ELSE, 0), Instruction.of(END, 0)));
        }
        code.addAll(List.of(op(LOCAL_GET, 0), op(LOCAL_GET, 1), op(I32_ADD, 0)));
        long start = System.nanoTime();
        IrFunction f = buildVerifyOptimise(module(code, 1));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 60_000, "took " + ms + " ms"); // a loose bound: catches quadratic blow-ups, not noise on a loaded machine
        IrInterpreter interp = new IrInterpreter(module(new ArrayList<>(List.of(op(LOCAL_GET, 0))), 0), i -> f);
        assertArrayEquals(new long[] {3 + n}, interp.call(0, new long[] {3}));
        assertArrayEquals(new long[] {0}, interp.call(0, new long[] {0}));
        // The untouched parameter flows through every merge without a block parameter.
        int params = 0;
        for (Block b : f.blocks) params += b.params.size();
        assertEquals(1 + n, params);
    }

    @Test
    void twoHundredThousandInstructions() {
        List<Instruction> code = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) code.addAll(List.of(op(LOCAL_GET, 0), i32(i), op(I32_XOR, 0), op(LOCAL_SET, 0)));
        code.add(op(LOCAL_GET, 0));
        long start = System.nanoTime();
        IrFunction f = buildVerifyOptimise(module(code, 0));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 60_000, "took " + ms + " ms");
        int expected = 7;
        for (int i = 0; i < 50_000; i++) expected ^= i;
        IrInterpreter interp = new IrInterpreter(module(new ArrayList<>(List.of(op(LOCAL_GET, 0))), 0), i -> f);
        assertEquals(expected, (int) interp.call(0, new long[] {7})[0]);
    }
}
