package org.wasmjar.hostcalls.api;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.hostcalls.wasi.Wasi;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.api.HostFunction;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

class HostcallApiTest {
    static final class Failure extends RuntimeException {}

    private int calls;

    int add(int a, long b, Instance caller) {
        calls++;
        return (int) (a + b);
    }

    static double twice(double x, Instance caller) { return 2 * x; }

    int fails(int code, Instance caller) { throw new Failure(); }

    static int failureCode(Failure f) { return 99; }

    @Test
    void typesParseFromText() {
        assertEquals(new FuncType(List.of(ValType.I32, ValType.I64), List.of(ValType.F32)), HostModule.type("i32 i64 -> f32"));
        assertEquals(new FuncType(List.of(), List.of()), HostModule.type("->"));
        assertThrows(IllegalArgumentException.class, () -> HostModule.type("i32"));
        assertThrows(IllegalArgumentException.class, () -> HostModule.type("int -> i32"));
    }

    @Test
    void bindsVirtualAndStaticMethodsWithPrimitiveHandles() throws Throwable {
        HostModule m = HostModule.named("env", MethodHandles.lookup())
                .function("add", "i32 i64 -> i32", this, "add")
                .function("twice", "f64 -> f64", HostcallApiTest.class, "twice");
        HostFunction add = m.functions().get(0);
        assertEquals("env.add", add.name());
        assertEquals(Abi.staticMethodType(add.type()), add.handle().type());
        assertEquals(MethodType.methodType(int.class, int.class, long.class, Instance.class), add.handle().type());
        assertEquals(7, (int) add.handle().invokeExact(3, 4L, (Instance) null));
        assertEquals(1, calls);
        assertEquals(5.0, (double) m.functions().get(1).handle().invokeExact(2.5, (Instance) null));

        Linker linker = new Linker();
        m.define(linker);
        assertSame(add, linker.lookup("env", "add"));
    }

    @Test
    void aMissingMethodIsAClearError() {
        HostModule m = HostModule.named("env", MethodHandles.lookup());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.function("add", "i32 i32 -> i32", this, "add"));
        assertTrue(e.getMessage().contains("env.add"), e.getMessage());
    }

    @Test
    void catchingTurnsAnExceptionIntoAResult() throws Throwable {
        HostModule m = HostModule.named("env", MethodHandles.lookup())
                .catching(Failure.class, MethodHandles.lookup().findStatic(HostcallApiTest.class, "failureCode",
                        MethodType.methodType(int.class, Failure.class)))
                .function("fails", "i32 -> i32", this, "fails");
        assertEquals(99, (int) m.functions().get(0).handle().invokeExact(1, (Instance) null));
    }

    @Test
    void registryFindsWasiByNameAndListsKnownNames() {
        HostcallSet wasi = HostcallSets.find("wasi");
        assertEquals("wasi", wasi.name());
        assertFalse(wasi.description().isEmpty());
        Linker linker = new Linker();
        wasi.define(linker, HostEnvironment.inherit());
        assertNotNull(linker.lookup(Wasi.MODULE, "fd_write"));
        assertNotNull(linker.lookup(Wasi.MODULE, "path_open"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostcallSets.find("nope"));
        assertTrue(e.getMessage().contains("\"nope\"") && e.getMessage().contains("wasi"), e.getMessage());
    }

    @Test
    void wasiProvidesEveryPreview1Function() {
        List<String> expected = List.of("args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get",
                "clock_time_get", "random_get", "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get",
                "fd_fdstat_set_flags", "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size",
                "fd_filestat_set_times", "fd_pread", "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read",
                "fd_readdir", "fd_renumber", "fd_seek", "fd_sync", "fd_tell", "fd_write", "path_create_directory",
                "path_filestat_get", "path_filestat_set_times", "path_link", "path_open", "path_readlink",
                "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file", "poll_oneoff", "proc_exit",
                "proc_raise", "sched_yield", "sock_accept", "sock_recv", "sock_send", "sock_shutdown");
        List<String> names = new Wasi(HostEnvironment.inherit()).module().functions().stream()
                .map(f -> f.name().substring(Wasi.MODULE.length() + 1)).sorted().toList();
        assertEquals(expected.stream().sorted().toList(), names);
    }
}
