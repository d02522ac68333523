package org.wasmjar.runtime.testing.code;

import java.lang.invoke.MethodHandle;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.testing.Code;

/** Function 1 of a module importing function 0 "env" "twice" (i32) -> (i32), a memory and an i32 global 0. */
public final class ImportsCode {
    private ImportsCode() {}

    /** twice(a) + global 0, and stores the low byte of the sum at memory[0]. */
    public static int f1(int a, Instance inst) throws Throwable {
        int sum = (int) inst.functions[0].handle.invokeExact(a) + inst.globals[0].i32;
        inst.memory.bytes[0] = (byte) sum;
        return sum;
    }

    public static void registerFunctions(MethodHandle[] out) {
        out[1] = Code.find(ImportsCode.class, "f1", int.class, int.class);
    }
}
