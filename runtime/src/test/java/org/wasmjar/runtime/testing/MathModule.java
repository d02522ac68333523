package org.wasmjar.runtime.testing;

import static org.wasmjar.runtime.testing.ModuleBuilder.i32;
import static org.wasmjar.runtime.types.ValType.EXTERNREF;
import static org.wasmjar.runtime.types.ValType.F32;
import static org.wasmjar.runtime.types.ValType.F64;
import static org.wasmjar.runtime.types.ValType.FUNCREF;
import static org.wasmjar.runtime.types.ValType.I32;
import static org.wasmjar.runtime.types.ValType.I64;

import java.util.List;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.testing.code.MathCode;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.SegmentMode;

/** The "math" module over {@link MathCode}: every function exported by name, memory 1..2 pages, table 0 = [add, null, null]. */
public final class MathModule {
    public static final FuncType II_I = new FuncType(List.of(I32, I32), List.of(I32));
    public static final FuncType I_I = new FuncType(List.of(I32), List.of(I32));
    public static final FuncType V_V = new FuncType(List.of(), List.of());
    public static final FuncType MULTI = new FuncType(List.of(), List.of(I32, I64, F32, F64));

    private MathModule() {}

    public static ModuleBuilder builder() {
        ModuleBuilder b = new ModuleBuilder("math")
                .func(II_I, "add").func(II_I, "div").func(I_I, "load8").func(I_I, null).func(I_I, "split")
                .func(I_I, "caller").func(MULTI, "multi").func(new FuncType(List.of(FUNCREF), List.of(I32)), "is_null")
                .func(new FuncType(List.of(EXTERNREF), List.of(EXTERNREF)), "id").func(V_V, "trap").func(V_V, "nothing")
                .func(I_I, "recurse")
                .memory(1, 2)
                .table(FUNCREF, 3, -1)
                .elem(SegmentMode.ACTIVE, 0, i32(0), new Const.RefFunc(0), new Const.RefNull(FUNCREF));
        String[] names = {"add", "div", "load8", "runaway", "split", "caller", "multi", "is_null", "id", "trap", "nothing", "recurse"};
        for (int i = 0; i < names.length; i++) b.export(names[i], ExternKind.FUNC, i);
        return b.export("memory", ExternKind.MEMORY, 0).export("table", ExternKind.TABLE, 0);
    }

    public static CompiledModule compiled() {
        return builder().compiled(MathCode.class);
    }
}
