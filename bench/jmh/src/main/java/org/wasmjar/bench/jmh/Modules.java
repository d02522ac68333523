package org.wasmjar.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.runtime.api.HostFunction;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.load.LoadedModule;
import org.wasmjar.runtime.load.ModuleLoader;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/** Loading the benchmark modules, shared by the benchmark states. */
final class Modules {
    private Modules() {}

    static byte[] resource(String name) {
        try (InputStream in = Modules.class.getResourceAsStream("/" + name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name + " (rebuild bench/jmh)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadedModule load(String resourceName) {
        return ModuleLoader.load(Compiler.compile(resource(resourceName)));
    }

    /** {@code micro.wasm} instantiated with its one import, {@code bench.inc}, bound to {@link #inc}. */
    static Instance micro() {
        FuncType unary = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
        Linker linker = new Linker();
        try {
            linker.define("bench", "inc", new HostFunction(unary, MethodHandles.lookup().findStatic(Modules.class, "inc",
                    MethodType.methodType(int.class, int.class, Instance.class)), "inc"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return linker.instantiate(load("wasm/micro.wasm"));
    }

    /** The host side of the hostcall round trip; it receives its caller like every wasmjar host function. */
    static int inc(int value, Instance caller) {
        return value + 1;
    }

    /** Size of the code section (id 10) of a Wasm binary: the "Wasm code" compile throughput is measured in. */
    static int codeSectionSize(byte[] wasm) {
        int[] pos = {8};
        while (pos[0] < wasm.length) {
            int id = wasm[pos[0]++] & 0xff;
            int size = leb(wasm, pos);
            if (id == 10) return size;
            pos[0] += size;
        }
        return 0;
    }

    private static int leb(byte[] b, int[] pos) {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b[pos[0]++];
            result |= (x & 0x7f) << shift;
            if (x >= 0) return result;
        }
    }
}
