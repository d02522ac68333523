package org.wasmjar.hostcalls.wasi;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostModule;
import org.wasmjar.runtime.link.Linker;

/**
 * One WASI process: its descriptor table (0-2 the standard streams, then the preopened directories from 3, in
 * order) and every wasi_snapshot_preview1 function bound to it. Functions that fail return an errno; only
 * {@code proc_exit} throws ({@link WasiExit}).
 */
public final class Wasi {
    public static final String MODULE = "wasi_snapshot_preview1";

    private final HostModule module;

    /** Sets up the process; a preopen that is no readable directory is an {@link IllegalArgumentException}. */
    public Wasi(HostEnvironment env) {
        FdTable fds = new FdTable();
        boolean console = System.console() != null;
        fds.add(new Descriptor.Stream(env.stdin(), null, console));
        fds.add(new Descriptor.Stream(null, env.stdout(), console));
        fds.add(new Descriptor.Stream(null, env.stderr(), console));
        for (Map.Entry<Path, String> p : env.preopens().entrySet()) {
            Path host = p.getKey().toAbsolutePath().normalize();
            if (!Files.isDirectory(host)) throw new IllegalArgumentException("preopen " + p.getKey() + " is no directory");
            fds.add(new Descriptor.Dir(host, p.getValue(), WasiTypes.DIRECTORY_RIGHTS,
                    WasiTypes.DIRECTORY_RIGHTS | WasiTypes.FILE_RIGHTS));
        }
        Clocks clocks = new Clocks();
        module = bind(new ArgsEnv(env.args(), env.env()), clocks, new Randoms(), new Fds(fds), new PathOps(fds),
                new Poll(fds, clocks), new Proc(), new Sockets(fds));
    }

    /** Every function, named {@code wasi_snapshot_preview1.<name>}. */
    public HostModule module() { return module; }

    public void define(Linker linker) { module.define(linker); }

    private static HostModule bind(ArgsEnv argsEnv, Clocks clocks, Randoms randoms, Fds fd, PathOps path, Poll poll,
                                   Proc proc, Sockets sockets) {
        HostModule m = HostModule.named(MODULE, MethodHandles.lookup());
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            m.catching(WasiError.class, lookup.findStatic(Wasi.class, "errno", MethodType.methodType(int.class, WasiError.class)));
            m.catching(IOException.class, lookup.findStatic(Wasi.class, "errno", MethodType.methodType(int.class, IOException.class)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        String i32x1 = "i32 -> i32", i32x2 = "i32 i32 -> i32", i32x3 = "i32 i32 i32 -> i32", i32x4 = "i32 i32 i32 i32 -> i32";
        m.function("args_get", i32x2, argsEnv, "args_get")
         .function("args_sizes_get", i32x2, argsEnv, "args_sizes_get")
         .function("environ_get", i32x2, argsEnv, "environ_get")
         .function("environ_sizes_get", i32x2, argsEnv, "environ_sizes_get")
         .function("clock_res_get", i32x2, clocks, "clock_res_get")
         .function("clock_time_get", "i32 i64 i32 -> i32", clocks, "clock_time_get")
         .function("random_get", i32x2, randoms, "random_get")
         .function("fd_advise", "i32 i64 i64 i32 -> i32", fd, "fd_advise")
         .function("fd_allocate", "i32 i64 i64 -> i32", fd, "fd_allocate")
         .function("fd_close", i32x1, fd, "fd_close")
         .function("fd_datasync", i32x1, fd, "fd_datasync")
         .function("fd_fdstat_get", i32x2, fd, "fd_fdstat_get")
         .function("fd_fdstat_set_flags", i32x2, fd, "fd_fdstat_set_flags")
         .function("fd_fdstat_set_rights", "i32 i64 i64 -> i32", fd, "fd_fdstat_set_rights")
         .function("fd_filestat_get", i32x2, fd, "fd_filestat_get")
         .function("fd_filestat_set_size", "i32 i64 -> i32", fd, "fd_filestat_set_size")
         .function("fd_filestat_set_times", "i32 i64 i64 i32 -> i32", fd, "fd_filestat_set_times")
         .function("fd_pread", "i32 i32 i32 i64 i32 -> i32", fd, "fd_pread")
         .function("fd_prestat_get", i32x2, fd, "fd_prestat_get")
         .function("fd_prestat_dir_name", i32x3, fd, "fd_prestat_dir_name")
         .function("fd_pwrite", "i32 i32 i32 i64 i32 -> i32", fd, "fd_pwrite")
         .function("fd_read", i32x4, fd, "fd_read")
         .function("fd_readdir", "i32 i32 i32 i64 i32 -> i32", fd, "fd_readdir")
         .function("fd_renumber", i32x2, fd, "fd_renumber")
         .function("fd_seek", "i32 i64 i32 i32 -> i32", fd, "fd_seek")
         .function("fd_sync", i32x1, fd, "fd_sync")
         .function("fd_tell", i32x2, fd, "fd_tell")
         .function("fd_write", i32x4, fd, "fd_write")
         .function("path_create_directory", i32x3, path, "path_create_directory")
         .function("path_filestat_get", "i32 i32 i32 i32 i32 -> i32", path, "path_filestat_get")
         .function("path_filestat_set_times", "i32 i32 i32 i32 i64 i64 i32 -> i32", path, "path_filestat_set_times")
         .function("path_link", "i32 i32 i32 i32 i32 i32 i32 -> i32", path, "path_link")
         .function("path_open", "i32 i32 i32 i32 i32 i64 i64 i32 i32 -> i32", path, "path_open")
         .function("path_readlink", "i32 i32 i32 i32 i32 i32 -> i32", path, "path_readlink")
         .function("path_remove_directory", i32x3, path, "path_remove_directory")
         .function("path_rename", "i32 i32 i32 i32 i32 i32 -> i32", path, "path_rename")
         .function("path_symlink", "i32 i32 i32 i32 i32 -> i32", path, "path_symlink")
         .function("path_unlink_file", i32x3, path, "path_unlink_file")
         .function("poll_oneoff", i32x4, poll, "poll_oneoff")
         .function("proc_exit", "i32 ->", proc, "proc_exit")
         .function("proc_raise", i32x1, proc, "proc_raise")
         .function("sched_yield", "-> i32", proc, "sched_yield")
         .function("sock_accept", i32x3, sockets, "sock_accept")
         .function("sock_recv", "i32 i32 i32 i32 i32 i32 -> i32", sockets, "sock_recv")
         .function("sock_send", "i32 i32 i32 i32 i32 -> i32", sockets, "sock_send")
         .function("sock_shutdown", i32x2, sockets, "sock_shutdown");
        return m;
    }

    private static int errno(WasiError e) { return e.errno; }

    private static int errno(IOException e) { return WasiError.errnoOf(e); }
}
