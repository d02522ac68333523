package org.wasmjar.runtime.testing.code;

import java.lang.invoke.MethodHandle;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.testing.Code;

/** Function 0, () -> (i32): returns 7. Serves every descriptor whose only function has that type. */
public final class ConstCode {
    private ConstCode() {}

    public static int f0(Instance inst) { return 7; }

    public static void registerFunctions(MethodHandle[] out) {
        out[0] = Code.find(ConstCode.class, "f0", int.class);
    }
}
