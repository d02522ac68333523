package org.wasmjar.runtime.testing.code;

import java.lang.invoke.MethodHandle;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.testing.Code;

/** Functions 0..11 of the "math" test module, which imports nothing (see InvokerTest for their types). */
public final class MathCode {
    private MathCode() {}

    public static int f0(int a, int b, Instance inst) { return a + b; }

    public static int f1(int a, int b, Instance inst) { return a / b; }

    public static int f2(int address, Instance inst) { return inst.memory.bytes[address] & 0xFF; }

    public static int f3(int depth, Instance inst) { return f3(depth + 1, inst) + 1; }

    /** A function split into an entry and two parts, as the code generator does with big functions. */
    public static int f4(int a, Instance inst) { return f4$1(a, inst) + 1; }

    public static int f4$1(int a, Instance inst) { return f4$2(a, inst) + 1; }

    public static int f4$2(int a, Instance inst) { return 10 / a; }

    public static int f5(int a, Instance inst) { return f4(a, inst) + 1; }

    public static Object[] f6(Instance inst) { return new Object[] {1, 2L, 3.5f, 4.25}; }

    public static int f7(Object ref, Instance inst) { return ref == null ? 1 : 0; }

    public static Object f8(Object ref, Instance inst) { return ref; }

    public static void f9(Instance inst) { throw new Trap(TrapKind.UNREACHABLE); }

    public static void f10(Instance inst) {}

    public static int f11(int n, Instance inst) { return n == 0 ? 0 : f11(n - 1, inst) + 1; }

    public static void registerFunctions(MethodHandle[] out) {
        out[0] = Code.find(MathCode.class, "f0", int.class, int.class, int.class);
        out[1] = Code.find(MathCode.class, "f1", int.class, int.class, int.class);
        out[2] = Code.find(MathCode.class, "f2", int.class, int.class);
        out[3] = Code.find(MathCode.class, "f3", int.class, int.class);
        out[4] = Code.find(MathCode.class, "f4", int.class, int.class);
        out[5] = Code.find(MathCode.class, "f5", int.class, int.class);
        out[6] = Code.find(MathCode.class, "f6", Object[].class);
        out[7] = Code.find(MathCode.class, "f7", int.class, Object.class);
        out[8] = Code.find(MathCode.class, "f8", Object.class, Object.class);
        out[9] = Code.find(MathCode.class, "f9", void.class);
        out[10] = Code.find(MathCode.class, "f10", void.class);
        out[11] = Code.find(MathCode.class, "f11", int.class, int.class);
    }
}
