package org.wasmjar.runtime.load;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ModuleInfo;

/** Loads a {@link CompiledModule}'s classes into a fresh class loader and collects its function handles. */
public final class ModuleLoader {
    private static final MethodType REGISTER_TYPE = MethodType.methodType(void.class, MethodHandle[].class);

    private ModuleLoader() {}

    /** Loads with the runtime's class loader as parent, so generated code sees the org.wasmjar.runtime classes. */
    public static LoadedModule load(CompiledModule m) {
        return load(m, ModuleLoader.class.getClassLoader());
    }

    /** @throws WasmjarException when the descriptor is inconsistent (an altered module jar) or the classes do not load */
    public static LoadedModule load(CompiledModule m, ClassLoader parent) {
        ModuleInfoCheck.check(m.info());
        Map<String, byte[]> byBinaryName = new HashMap<>();
        m.classes().forEach((internalName, bytes) -> byBinaryName.put(internalName.replace('/', '.'), bytes));
        ModuleClassLoader loader = new ModuleClassLoader(m.info(), byBinaryName, parent);
        for (String name : byBinaryName.keySet()) loadClass(loader, name);

        MethodHandle[] handles = new MethodHandle[m.info().functionTypes().size()];
        for (String codeClass : m.codeClasses()) registerFunctions(loadClass(loader, codeClass.replace('/', '.')), handles);
        checkHandles(m.info(), handles);
        return new LoadedModule(m.info(), handles);
    }

    private static Class<?> loadClass(ModuleClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new WasmjarException("cannot load generated class " + name + ": " + e, e);
        }
    }

    private static void registerFunctions(Class<?> codeClass, MethodHandle[] out) {
        MethodHandle register;
        try {
            register = MethodHandles.publicLookup().findStatic(codeClass, "registerFunctions", REGISTER_TYPE);
        } catch (ReflectiveOperationException e) {
            throw new WasmjarException("code class " + codeClass.getName() + " has no public static registerFunctions(MethodHandle[])", e);
        }
        try {
            register.invokeExact(out);
        } catch (Error e) {
            throw e;
        } catch (Throwable t) {
            throw new WasmjarException("registerFunctions of " + codeClass.getName() + " failed: " + t, t);
        }
    }

    /** Every defined function has a handle of exactly the calling convention's type, so instantiation can bind it. */
    private static void checkHandles(ModuleInfo info, MethodHandle[] handles) {
        int imported = info.importedCount(ExternKind.FUNC);
        for (int i = 0; i < handles.length; i++) {
            if (i < imported) {
                if (handles[i] != null) throw new WasmjarException("generated code registered imported function " + i);
                continue;
            }
            FuncType type = info.functionType(i);
            if (handles[i] == null) throw new WasmjarException("generated code registered no handle for function " + i);
            MethodType expected = Abi.staticMethodType(type);
            if (!handles[i].type().equals(expected)) {
                throw new WasmjarException("handle of function " + i + " has type " + handles[i].type() + ", expected " + expected);
            }
        }
    }
}
