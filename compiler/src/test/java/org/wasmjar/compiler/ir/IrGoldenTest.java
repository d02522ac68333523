package org.wasmjar.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.build.IrBuilder;
import org.wasmjar.compiler.ir.opt.Optimizer;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;

/** IR text before and after the optimiser for small functions, checked exactly; the verifier runs after each pass. */
class IrGoldenTest {
    private static IrFunction build(String funcs) {
        ValidatedModule m = Wat.module("(module " + funcs + ")");
        IrFunction f = IrBuilder.build(m, 0);
        Verifier.verify(f);
        return f;
    }

    private static String optimised(IrFunction f) {
        for (Optimizer.Pass p : Optimizer.PASSES) {
            p.run().test(f);
            Verifier.verify(f);
        }
        return IrPrinter.print(f);
    }

    @Test
    void straightLine() {
        IrFunction f = build("(func $add (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)");
        assertEquals("""
                function 0 "add" (i32 i32) -> (i32)
                b0(v0:i32, v1:i32):
                  v2:i32 = i32.add v0 v1
                  return v2
                """, IrPrinter.print(f));
    }

    @Test
    void constantFoldingUsesWasmShiftsAndKeepsTrappingDivisions() {
        IrFunction f = build("""
                (func $fold (result i32 i64 i32 i32)
                  i32.const 1 i32.const 33 i32.shl
                  i64.const -1 i64.const 65 i64.shr_u
                  i32.const 7 i32.const 0 i32.div_u
                  i32.const 0x80000000 i32.const -1 i32.div_s)""");
        assertEquals("""
                function 0 "fold" () -> (i32 i64 i32 i32)
                b0():
                  v2:i32 = i32.const 2
                  v5:i64 = i64.const 9223372036854775807
                  v6:i32 = i32.const 7
                  v7:i32 = i32.const 0
                  v8:i32 = i32.div_u v6 v7
                  v9:i32 = i32.const -2147483648
                  v10:i32 = i32.const -1
                  v11:i32 = i32.div_s v9 v10
                  return v2 v5 v8 v11
                """, optimised(f));
    }

    @Test
    void unmodifiedLoopLocalGetsNoHeaderParameter() {
        IrFunction f = build("""
                (func $loop (param $n i32) (param $k i32) (result i32) (local $acc i32)
                  (loop $l
                    local.get $acc local.get $k i32.add local.set $acc
                    local.get $n i32.const 1 i32.sub local.tee $n
                    br_if $l)
                  local.get $acc)""");
        assertEquals("""
                function 0 "loop" (i32 i32) -> (i32)
                b0(v0:i32, v1:i32):
                  v8:i32 = i32.const 0
                  jump b1(v8, v0)
                b1(v2:i32, v5:i32): ; loop header, depth 1
                  v4:i32 = i32.add v2 v1
                  v6:i32 = i32.const 1
                  v7:i32 = i32.sub v5 v6
                  br_if v7 b1(v4, v7) b2()
                b2(): ; depth 1
                  jump b3()
                b3():
                  return v4
                """, IrPrinter.print(f));
    }

    @Test
    void loopCarriedLocalWrittenOnlyInDeadCodeBecomesACopy() {
        IrFunction f = build("""
                (func $dead_store (param $n i32) (result i32) (local $x i32)
                  i32.const 5 local.set $x
                  (loop $l
                    (if (i32.const 0) (then (local.set $x (i32.const 9))))
                    (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                  local.get $x)""");
        assertEquals("""
                function 0 "dead_store" (i32) -> (i32)
                b0(v0:i32):
                  v1:i32 = i32.const 5
                  jump b1(v0, v1)
                b1(v5:i32, v9:i32): ; loop header, depth 1
                  v2:i32 = i32.const 0
                  br_if v2 b3() b2(v9)
                b3(): ; depth 1
                  v3:i32 = i32.const 9
                  jump b2(v3)
                b2(v8:i32): ; depth 1
                  v6:i32 = i32.const 1
                  v7:i32 = i32.sub v5 v6
                  br_if v7 b1(v7, v8) b4()
                b4(): ; depth 1
                  jump b5()
                b5():
                  return v8
                """, IrPrinter.print(f));
        assertEquals("""
                function 0 "dead_store" (i32) -> (i32)
                b0(v0:i32):
                  v1:i32 = i32.const 5
                  jump b1(v0)
                b1(v5:i32): ; loop header, depth 1
                  jump b2()
                b2(): ; depth 1
                  v6:i32 = i32.const 1
                  v7:i32 = i32.sub v5 v6
                  br_if v7 b1(v7) b4()
                b4(): ; depth 1
                  jump b5()
                b5():
                  return v1
                """, optimised(f));
    }

    @Test
    void blockResultReceivingOneValueOnEveryEdgeIsPropagated() {
        IrFunction f = build("""
                (func $same (param i32 i32) (result i32)
                  (block $b (result i32)
                    (br_if $b (local.get 0) (local.get 1))
                    drop
                    local.get 0))""");
        assertEquals("""
                function 0 "same" (i32 i32) -> (i32)
                b0(v0:i32, v1:i32):
                  br_if v1 b1(v0) b2()
                b2():
                  jump b1(v0)
                b1(v2:i32):
                  return v2
                """, IrPrinter.print(f));
        assertEquals("""
                function 0 "same" (i32 i32) -> (i32)
                b0(v0:i32, v1:i32):
                  br_if v1 b1() b2()
                b2():
                  jump b1()
                b1():
                  return v0
                """, optimised(f));
    }

    @Test
    void brTableAndReturnsLayInSourceOrder() {
        IrFunction f = build("""
                (func $tbl (param i32) (result i32)
                  (block $a (block $b (block $c (br_table $a $b $c 0 (local.get 0)))
                    (return (i32.const 10))) (return (i32.const 20)))
                  i32.const 30)""");
        assertEquals("""
                function 0 "tbl" (i32) -> (i32)
                b0(v0:i32):
                  br_table v0 [b1(), b2(), b3()] default b3()
                b3():
                  v1:i32 = i32.const 10
                  return v1
                b2():
                  v2:i32 = i32.const 20
                  return v2
                b1():
                  v3:i32 = i32.const 30
                  return v3
                """, IrPrinter.print(f));
    }

    @Test
    void stackPolymorphicDeadCodeIsSkipped() {
        IrFunction f = build("""
                (func $ifelse (param i32) (result i32)
                  (if (result i32) (local.get 0) (then (i32.const 1)) (else (unreachable) (i32.add) (drop))))""");
        assertEquals("""
                function 0 "ifelse" (i32) -> (i32)
                b0(v0:i32):
                  br_if v0 b2() b3()
                b2():
                  v2:i32 = i32.const 1
                  jump b1(v2)
                b3():
                  unreachable
                b1(v1:i32):
                  return v1
                """, IrPrinter.print(f));
    }

    @Test
    void constantBranchDropsTheDeadArmAndItsCode() {
        IrFunction f = build("""
                (func $dead (param i32) (result i32)
                  (if (i32.const 0) (then (return (i32.const 5))))
                  (block $b (result i32) (br $b (i32.const 7)) (drop) (i32.add)))""");
        assertEquals("""
                function 0 "dead" (i32) -> (i32)
                b0(v0:i32):
                  jump b1()
                b1():
                  v4:i32 = i32.const 7
                  jump b3()
                b3():
                  return v4
                """, optimised(f));
    }

    @Test
    void deadCodeKeepsTrapsAndDropsNonTrappingDivision() {
        IrFunction f = build("""
                (func $dce (param i32) (result i32)
                  (drop (i32.mul (local.get 0) (i32.const 3)))
                  (drop (i32.div_s (local.get 0) (i32.const 3)))
                  (drop (i32.div_s (local.get 0) (i32.const -1)))
                  (drop (i32.load offset=4 (local.get 0)))
                  (i32.add (local.get 0) (i32.const 1)))
                (memory 1)""");
        assertEquals("""
                function 0 "dce" (i32) -> (i32)
                b0(v0:i32):
                  v5:i32 = i32.const -1
                  v6:i32 = i32.div_s v0 v5
                  v7:i32 = i32.load offset=4 align=4 v0
                  v8:i32 = i32.const 1
                  v9:i32 = i32.add v0 v8
                  return v9
                """, optimised(f));
    }

    @Test
    void elseLessIfPassesItsParametersToTheEnd() {
        IrFunction f = build("""
                (type $t (func (param i32) (result i32)))
                (func $p (param i32 i32) (result i32)
                  (local.get 0)
                  (if (type $t) (local.get 1) (then (i32.const 2) (i32.mul))))""");
        assertEquals("""
                function 0 "p" (i32 i32) -> (i32)
                b0(v0:i32, v1:i32):
                  br_if v1 b2() b1(v0)
                b2():
                  v3:i32 = i32.const 2
                  v4:i32 = i32.mul v0 v3
                  jump b1(v4)
                b1(v2:i32):
                  return v2
                """, IrPrinter.print(f));
    }
}
