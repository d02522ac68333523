package org.wasmjar.hostcalls.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.api.HostFunction;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * Builds the host functions of one import module (e.g. {@code wasi_snapshot_preview1}) from real Java methods with
 * primitive signatures: {@code int fd_write(int fd, int iovs, int iovsLen, int nwritten, Instance caller)}. Methods
 * are looked up once, as method handles, so a call from generated code is a direct, unboxed invocation.
 *
 * <p>Types are written as {@code "i32 i32 -> i64"} ({@link #type}); the Java method must take the Wasm parameters as
 * int/long/float/double, then the calling {@link org.wasmjar.runtime.instance.Instance}, and return void, the one
 * result's type, or Object[] for several ({@link Abi#staticMethodType}).
 */
public final class HostModule {
    private final String module;
    private final MethodHandles.Lookup lookup;
    private final List<HostFunction> functions = new ArrayList<>();
    private final List<Class<? extends Throwable>> caught = new ArrayList<>();
    private final List<MethodHandle> catchHandlers = new ArrayList<>();

    private HostModule(String module, MethodHandles.Lookup lookup) {
        this.module = Objects.requireNonNull(module, "module");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** A builder for import module {@code module}; {@code lookup} must see the methods to bind (pass {@code MethodHandles.lookup()}). */
    public static HostModule named(String module, MethodHandles.Lookup lookup) {
        return new HostModule(module, lookup);
    }

    public String module() { return module; }

    /**
     * Adds {@code name}, implemented by method {@code method} of {@code target}'s class, bound to {@code target}; a
     * {@link Class} as target means a static method of that class.
     */
    public HostModule function(String name, String type, Object target, String method) {
        FuncType funcType = type(type);
        MethodHandle handle;
        try {
            if (target instanceof Class<?> c) {
                handle = lookup.findStatic(c, method, Abi.staticMethodType(funcType));
            } else {
                handle = lookup.findVirtual(target.getClass(), method, Abi.staticMethodType(funcType)).bindTo(target);
            }
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException("host function " + module + "." + name + ": no accessible method " + method
                    + Abi.staticMethodType(funcType) + " in " + (target instanceof Class<?> c ? c : target.getClass()), e);
        }
        return function(name, funcType, handle);
    }

    /** Adds {@code name} with a ready handle of type {@link Abi#staticMethodType}{@code (type)}. */
    public HostModule function(String name, FuncType type, MethodHandle handle) {
        if (handle.type().returnType() == int.class) {
            for (int i = 0; i < caught.size(); i++) {
                MethodHandle handler = MethodHandles.dropArguments(catchHandlers.get(i), 1, handle.type().parameterList());
                handle = MethodHandles.catchException(handle, caught.get(i), handler);
            }
        }
        functions.add(new HostFunction(type, handle, module + "." + name));
        return this;
    }

    /**
     * For functions added after this call that return i32: when the method throws {@code type}, the function returns
     * {@code handler.invoke(exception)} (a handle of type {@code (type)int}) instead. This is how errno-style APIs keep
     * their methods' success path plain: the handler costs nothing until something is thrown.
     */
    public HostModule catching(Class<? extends Throwable> type, MethodHandle handler) {
        if (handler.type().parameterCount() != 1 || handler.type().returnType() != int.class
                || !handler.type().parameterType(0).isAssignableFrom(type)) {
            throw new IllegalArgumentException("a handler for " + type.getName() + " must be (" + type.getName() + ")int, got " + handler.type());
        }
        caught.add(type);
        catchHandlers.add(handler.asType(handler.type().changeParameterType(0, type)));
        return this;
    }

    /** The functions added so far, in order; each {@link HostFunction#name()} is {@code module.name}. */
    public List<HostFunction> functions() { return Collections.unmodifiableList(functions); }

    /** Defines every function in {@code linker} under this module's name. */
    public void define(Linker linker) {
        for (HostFunction f : functions) linker.define(module, f.name().substring(module.length() + 1), f);
    }

    /** Parses {@code "i32 i64 -> f32"}: parameter types, an arrow, result types (either side may be empty). */
    public static FuncType type(String text) {
        int arrow = text.indexOf("->");
        if (arrow < 0) throw new IllegalArgumentException("function type needs \"->\": " + text);
        return new FuncType(valTypes(text.substring(0, arrow)), valTypes(text.substring(arrow + 2)));
    }

    private static List<ValType> valTypes(String text) {
        List<ValType> types = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) continue;
            ValType t = null;
            for (ValType v : ValType.values()) if (v.text.equals(word)) t = v;
            if (t == null) throw new IllegalArgumentException("unknown value type \"" + word + "\"");
            types.add(t);
        }
        return types;
    }
}
