package org.wasmjar.hostcalls.wasi;

import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.runtime.api.HostFunction;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.types.ModuleInfo;

/** A hand-made guest: one page of memory and the WASI functions called the way generated code calls them. */
final class Guest {
    final Instance inst = new Instance(new ModuleInfo(null, List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), -1, List.of(), List.of(), List.of()));
    private final Map<String, MethodHandle> functions = new HashMap<>();

    Guest(HostEnvironment env) {
        inst.memory = new Memory(1, -1);
        for (HostFunction f : new Wasi(env).module().functions()) {
            functions.put(f.name().substring(Wasi.MODULE.length() + 1), f.handle());
        }
    }

    /** Calls {@code name} with i32/i64 arguments; returns the errno. */
    int call(String name, Object... args) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = inst;
        try {
            return (int) functions.get(name).invokeWithArguments(all);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    ByteBuffer mem() { return ByteBuffer.wrap(inst.memory.bytes).order(ByteOrder.LITTLE_ENDIAN); }

    int i32(int ptr) { return mem().getInt(ptr); }

    long i64(int ptr) { return mem().getLong(ptr); }

    int u8(int ptr) { return inst.memory.bytes[ptr] & 0xFF; }

    void putI32(int ptr, int v) { mem().putInt(ptr, v); }

    /** Writes {@code s} as UTF-8 at {@code ptr}; returns its length in bytes. */
    int putString(int ptr, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, inst.memory.bytes, ptr, b.length);
        return b.length;
    }

    String string(int ptr, int len) { return new String(inst.memory.bytes, ptr, len, StandardCharsets.UTF_8); }

    /** One iovec at {@code iov} pointing to [buf, buf+len). */
    void iovec(int iov, int buf, int len) {
        putI32(iov, buf);
        putI32(iov + 4, len);
    }

    /** path_open relative to {@code dirFd}; returns the new fd, or fails the test with the errno. */
    int open(int dirFd, int lookup, String path, int oflags, long rights, int fdflags) {
        int len = putString(2000, path);
        int errno = call("path_open", dirFd, lookup, 2000, len, oflags, rights, rights, fdflags, 1996);
        if (errno != 0) throw new AssertionError("path_open " + path + " -> errno " + errno);
        return i32(1996);
    }

    /** Calls a path function of shape (fd, path, len) and returns the errno. */
    int pathCall(String name, int dirFd, String path) {
        int len = putString(2000, path);
        return call(name, dirFd, 2000, len);
    }

    /** path_open's errno for {@code path}. */
    int openErrno(int dirFd, int lookup, String path, int oflags, long rights) {
        int len = putString(2000, path);
        return call("path_open", dirFd, lookup, 2000, len, oflags, rights, rights, 0, 1996);
    }
}
