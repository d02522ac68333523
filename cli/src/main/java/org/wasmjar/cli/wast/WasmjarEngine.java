package org.wasmjar.cli.wast;

import java.util.function.Function;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.runtime.abi.V128;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.instance.Global;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.load.CompiledModule;

/** {@link WastEngine} over wasmjar: {@link Compiler} in memory, then the runtime's {@link Linker} and {@link Invoker}. */
public final class WasmjarEngine implements WastEngine {
    private final Linker linker = new Linker();
    private final Function<byte[], CompiledModule> compiler;

    /** A fresh store holding only the {@code spectest} module. */
    public WasmjarEngine() { this(Compiler::compile); }

    /** With another compiler: tests link hand-built modules through the real runtime. */
    WasmjarEngine(Function<byte[], CompiledModule> compiler) {
        this.compiler = compiler;
        SpecTestHost.exports().forEach((name, extern) -> linker.define(SpecTestHost.MODULE_NAME, name, extern));
    }

    @Override public Module compile(byte[] wasm) {
        CompiledModule compiled = compiler.apply(wasm);
        return () -> new Bound(linker.instantiate(compiled));
    }

    @Override public void register(String name, Instance instance) {
        linker.register(name, ((Bound) instance).instance);
    }

    private record Bound(org.wasmjar.runtime.instance.Instance instance) implements Instance {
        @Override public Object[] invoke(String export, Object[] args) {
            return Invoker.invoke(instance, export, args);
        }

        @Override public Object global(String export) {
            if (!(instance.export(export) instanceof Global g)) {
                throw new WasmjarException("no global export named \"" + export + "\"");
            }
            return switch (g.type.type()) {
                case I32 -> g.i32;
                case I64 -> g.i64;
                case F32 -> g.f32;
                case F64 -> g.f64;
                case FUNCREF, EXTERNREF -> g.ref;
                case V128 -> new V128(g.v128lo, g.v128hi);
            };
        }
    }
}
