package org.wasmjar.runtime.testing.code;

import java.lang.invoke.MethodHandle;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.testing.Code;

/** Start functions, () -> (): 0 adds 1 to global 0 and writes memory[1] = 42, 1 writes memory[2] = 9 then traps. */
public final class StartCode {
    private StartCode() {}

    public static void f0(Instance inst) {
        inst.globals[0].i32 += 1;
        inst.memory.bytes[1] = 42;
    }

    public static void f1(Instance inst) {
        inst.memory.bytes[2] = 9;
        throw new Trap(TrapKind.UNREACHABLE);
    }

    public static void registerFunctions(MethodHandle[] out) {
        out[0] = Code.find(StartCode.class, "f0", void.class);
        out[1] = Code.find(StartCode.class, "f1", void.class);
    }
}
