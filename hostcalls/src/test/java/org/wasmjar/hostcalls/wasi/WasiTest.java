package org.wasmjar.hostcalls.wasi;

import static org.junit.jupiter.api.Assertions.*;
import static org.wasmjar.hostcalls.wasi.WasiTypes.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmjar.hostcalls.api.HostEnvironment;

class WasiTest {
    @TempDir Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private HostEnvironment env() {
        return HostEnvironment.inherit().withStdio(new ByteArrayInputStream("input".getBytes()), out, err);
    }

    /** A guest with {@code tmp/root} preopened as "/" at fd 3. */
    private Guest rooted() throws Exception {
        Files.createDirectories(tmp.resolve("root"));
        return new Guest(env().withPreopen(tmp.resolve("root"), "/"));
    }

    @Test
    void argsAndEnvironmentAreEncodedAsCStrings() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("A", "1");
        vars.put("LONG", "x y\nz");
        Guest g = new Guest(env().withArgs(List.of("prog.wasm", "first", "ünï")).withEnv(vars));
        assertEquals(0, g.call("args_sizes_get", 0, 4));
        assertEquals(3, g.i32(0));
        int size = g.i32(4);
        assertEquals("prog.wasm\0first\0ünï\0".getBytes(StandardCharsets.UTF_8).length, size);
        assertEquals(0, g.call("args_get", 100, 200));
        assertEquals(200, g.i32(100));
        assertEquals("first", g.string(g.i32(104), 5));
        assertEquals(0, g.u8(g.i32(104) + 5));
        assertEquals("ünï", g.string(g.i32(108), "ünï".getBytes(StandardCharsets.UTF_8).length));

        assertEquals(0, g.call("environ_sizes_get", 0, 4));
        assertEquals(2, g.i32(0));
        assertEquals("A=1\0LONG=x y\nz\0".length(), g.i32(4));
        assertEquals(0, g.call("environ_get", 100, 300));
        assertEquals("A=1", g.string(g.i32(100), 3));
        assertEquals("LONG=x y\nz", g.string(g.i32(104), 10));
    }

    @Test
    void outOfBoundsPointersAreFaultNotCrash() {
        Guest g = new Guest(env().withArgs(List.of("p")));
        assertEquals(Errno.FAULT, g.call("args_sizes_get", 65535, 0));
        assertEquals(Errno.FAULT, g.call("args_get", -4, 0));
        assertEquals(Errno.FAULT, g.call("random_get", 65000, 1000));
        g.iovec(0, 65530, 100);
        assertEquals(Errno.FAULT, g.call("fd_write", 1, 0, 1, 8));
        assertEquals(0, out.size());
    }

    @Test
    void fdWriteGathersIovecsToStdoutAndStderr() {
        Guest g = new Guest(env());
        g.putString(100, "hello, ");
        g.putString(200, "world\n");
        g.iovec(0, 100, 7);
        g.iovec(8, 200, 6);
        assertEquals(0, g.call("fd_write", 1, 0, 2, 16));
        assertEquals(13, g.i32(16));
        assertEquals("hello, world\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(0, g.call("fd_write", 2, 0, 1, 16));
        assertEquals("hello, ", err.toString(StandardCharsets.UTF_8));
        assertEquals(Errno.BADF, g.call("fd_write", 9, 0, 1, 16));
        assertEquals(Errno.BADF, g.call("fd_write", 0, 0, 1, 16));
    }

    @Test
    void fdReadFromStdin() {
        Guest g = new Guest(env());
        g.iovec(0, 100, 64);
        assertEquals(0, g.call("fd_read", 0, 0, 1, 16));
        assertEquals(5, g.i32(16));
        assertEquals("input", g.string(100, 5));
        assertEquals(0, g.call("fd_read", 0, 0, 1, 16));
        assertEquals(0, g.i32(16), "end of input reads nothing");
    }

    @Test
    void preopenIsVisibleThroughPrestat() throws Exception {
        Guest g = rooted();
        assertEquals(0, g.call("fd_prestat_get", 3, 0));
        assertEquals(PREOPENTYPE_DIR, g.u8(0));
        assertEquals(1, g.i32(4));
        assertEquals(Errno.INVAL, g.call("fd_prestat_dir_name", 3, 100, 0));
        assertEquals(0, g.call("fd_prestat_dir_name", 3, 100, 2));
        assertEquals("/", g.string(100, 1));
        assertEquals(Errno.BADF, g.call("fd_prestat_get", 4, 0));
        assertEquals(Errno.BADF, g.call("fd_prestat_get", 1, 0));
        assertEquals(0, g.call("fd_fdstat_get", 3, 0));
        assertEquals(FILETYPE_DIRECTORY, g.u8(0));
        assertEquals(0, g.i64(8) & RIGHT_FD_SEEK, "directories cannot seek");
        assertNotEquals(0, g.i64(8) & RIGHT_PATH_OPEN);
    }

    @Test
    void createWriteSeekReadAndStatAFile() throws Exception {
        Guest g = rooted();
        int fd = g.open(3, 0, "data.txt", OFLAGS_CREAT | OFLAGS_EXCL,
                RIGHT_FD_READ | RIGHT_FD_WRITE | RIGHT_FD_SEEK | RIGHT_FD_TELL, 0);
        assertTrue(fd > 3);
        g.putString(100, "abcdef");
        g.iovec(0, 100, 6);
        assertEquals(0, g.call("fd_write", fd, 0, 1, 16));
        assertEquals("abcdef", Files.readString(tmp.resolve("root/data.txt")));
        assertEquals(0, g.call("fd_tell", fd, 16));
        assertEquals(6, g.i64(16));
        assertEquals(0, g.call("fd_seek", fd, 2L, WHENCE_SET, 16));
        g.iovec(0, 300, 3);
        g.iovec(8, 400, 10);
        assertEquals(0, g.call("fd_read", fd, 0, 2, 24));
        assertEquals(4, g.i32(24));
        assertEquals("cde", g.string(300, 3));
        assertEquals("f", g.string(400, 1));
        assertEquals(0, g.call("fd_pread", fd, 0, 1, 0L, 24));
        assertEquals("abc", g.string(300, 3));
        assertEquals(Errno.INVAL, g.call("fd_seek", fd, -100L, WHENCE_CUR, 16));

        assertEquals(0, g.call("fd_filestat_get", fd, 500));
        assertEquals(FILETYPE_REGULAR_FILE, g.u8(516));
        assertEquals(6, g.i64(532));
        assertEquals(0, g.call("fd_filestat_set_size", fd, 100L));
        assertEquals(100, Files.size(tmp.resolve("root/data.txt")));
        assertEquals(0, g.call("fd_filestat_set_size", fd, 3L));
        assertEquals("abc", Files.readString(tmp.resolve("root/data.txt")));

        assertEquals(Errno.EXIST, g.openErrno(3, 0, "data.txt", OFLAGS_CREAT | OFLAGS_EXCL, 0));
        assertEquals(0, g.call("fd_close", fd));
        assertEquals(Errno.BADF, g.call("fd_close", fd));
    }

    @Test
    void appendFlagWritesAtTheEndUntilCleared() throws Exception {
        Guest g = rooted();
        Files.writeString(tmp.resolve("root/log"), "0123");
        int fd = g.open(3, 0, "log", 0, RIGHT_FD_READ | RIGHT_FD_WRITE | RIGHT_FD_SEEK | RIGHT_FD_FDSTAT_SET_FLAGS,
                FDFLAGS_APPEND);
        g.putString(100, "xy");
        g.iovec(0, 100, 2);
        assertEquals(0, g.call("fd_write", fd, 0, 1, 16));
        assertEquals("0123xy", Files.readString(tmp.resolve("root/log")));
        assertEquals(0, g.call("fd_fdstat_get", fd, 32));
        assertEquals(FDFLAGS_APPEND, g.i32(34) & 0xFFFF);
        assertEquals(0, g.call("fd_fdstat_set_flags", fd, 0));
        assertEquals(0, g.call("fd_seek", fd, 0L, WHENCE_SET, 16));
        assertEquals(0, g.call("fd_write", fd, 0, 1, 16));
        assertEquals("xy23xy", Files.readString(tmp.resolve("root/log")));
    }

    @Test
    void truncAndRightsAreEnforced() throws Exception {
        Guest g = rooted();
        Files.writeString(tmp.resolve("root/f"), "content");
        int fd = g.open(3, 0, "f", OFLAGS_TRUNC, 0, 0);
        assertEquals(0, Files.size(tmp.resolve("root/f")));
        g.iovec(0, 100, 4);
        assertEquals(Errno.NOTCAPABLE, g.call("fd_write", fd, 0, 1, 16));
        assertEquals(0, g.call("fd_fdstat_get", fd, 32));
        long base = g.i64(40);
        assertEquals(Errno.NOTCAPABLE, g.call("fd_fdstat_set_rights", fd, base | RIGHT_FD_WRITE, 0L));
        assertEquals(0, g.call("fd_fdstat_set_rights", fd, 0L, 0L));
    }

    @Test
    void directoriesRefuseFileOperations() throws Exception {
        Guest g = rooted();
        g.iovec(0, 100, 4);
        assertEquals(Errno.ISDIR, g.call("fd_read", 3, 0, 1, 16));
        assertEquals(Errno.ISDIR, g.call("fd_write", 3, 0, 1, 16));
        assertEquals(Errno.ISDIR, g.call("fd_seek", 3, 0L, WHENCE_CUR, 16));
        assertEquals(Errno.ISDIR, g.call("fd_tell", 3, 16));
        assertEquals(Errno.ISDIR, g.call("fd_filestat_set_size", 3, 0L));
        assertEquals(Errno.ISDIR, g.openErrno(3, 0, ".", OFLAGS_DIRECTORY, RIGHT_FD_READ | RIGHT_FD_WRITE));
        Files.writeString(tmp.resolve("root/file"), "x");
        assertEquals(Errno.NOTDIR, g.openErrno(3, 0, "file", OFLAGS_DIRECTORY, 0));
        int file = g.open(3, 0, "file", 0, RIGHT_FD_READ, 0);
        assertEquals(Errno.NOTDIR, g.openErrno(file, 0, "x", 0, 0));
        assertEquals(Errno.NOENT, g.openErrno(3, 0, "missing", 0, 0));
    }

    @Test
    void readdirListsDotEntriesAndHonoursCookies() throws Exception {
        Guest g = rooted();
        Files.writeString(tmp.resolve("root/b"), "x");
        Files.createDirectory(tmp.resolve("root/a"));
        int dir = g.open(3, 0, ".", OFLAGS_DIRECTORY, RIGHT_FD_READDIR, 0);
        List<String> names = readdir(g, dir, 0, 4096);
        assertEquals(List.of(".", "..", "a", "b"), names);
        assertEquals(FILETYPE_DIRECTORY, g.u8(1000 + 20));
        // resuming from the cookie of the second entry yields the rest
        assertEquals(List.of("a", "b"), readdir(g, dir, 2, 4096));
        // a buffer too small for everything is filled completely
        assertEquals(0, g.call("fd_readdir", dir, 1000, 30, 0L, 16));
        assertEquals(30, g.i32(16));
        assertEquals(Errno.NOTDIR, g.call("fd_readdir", 1, 1000, 30, 0L, 16));
    }

    private static List<String> readdir(Guest g, int fd, long cookie, int len) {
        assertEquals(0, g.call("fd_readdir", fd, 1000, len, cookie, 16));
        int used = g.i32(16);
        List<String> names = new ArrayList<>();
        int at = 1000;
        while (at + 24 <= 1000 + used) {
            int namelen = g.i32(at + 16);
            names.add(g.string(at + 24, namelen));
            at += 24 + namelen;
        }
        return names;
    }

    @Test
    void sandboxRefusesEscapes() throws Exception {
        Guest g = rooted();
        Files.writeString(tmp.resolve("secret"), "outside");
        Files.createDirectory(tmp.resolve("root/sub"));
        Files.createSymbolicLink(tmp.resolve("root/out"), Path.of("../secret"));
        Files.createSymbolicLink(tmp.resolve("root/abs"), tmp.resolve("secret"));
        Files.createSymbolicLink(tmp.resolve("root/sub/up"), Path.of(".."));
        assertEquals(Errno.PERM, g.openErrno(3, 0, "../secret", 0, RIGHT_FD_READ));
        assertEquals(Errno.PERM, g.openErrno(3, 0, "sub/../../secret", 0, RIGHT_FD_READ));
        assertEquals(Errno.PERM, g.openErrno(3, 0, tmp.resolve("secret").toString(), 0, RIGHT_FD_READ));
        assertEquals(Errno.PERM, g.openErrno(3, LOOKUPFLAGS_SYMLINK_FOLLOW, "out", 0, RIGHT_FD_READ));
        assertEquals(Errno.PERM, g.openErrno(3, LOOKUPFLAGS_SYMLINK_FOLLOW, "abs", 0, RIGHT_FD_READ));
        assertEquals(Errno.PERM, g.openErrno(3, 0, "sub/up/../secret", 0, RIGHT_FD_READ));
        // a symlink that stays inside is fine, when followed
        int sub = g.open(3, 0, "sub", OFLAGS_DIRECTORY, 0, 0);
        assertEquals(Errno.PERM, g.openErrno(sub, LOOKUPFLAGS_SYMLINK_FOLLOW, "up", OFLAGS_DIRECTORY, 0),
                "a subdirectory descriptor is a root of its own");
        g.open(3, LOOKUPFLAGS_SYMLINK_FOLLOW, "sub/up/sub", OFLAGS_DIRECTORY, 0, 0);
        // without SYMLINK_FOLLOW the last component is not followed
        assertEquals(Errno.LOOP, g.openErrno(3, 0, "out", 0, RIGHT_FD_READ));
        // symlinks cannot be created pointing at absolute paths
        int len = g.putString(100, "/etc/passwd");
        int len2 = g.putString(200, "link");
        assertEquals(Errno.PERM, g.call("path_symlink", 100, len, 3, 200, len2));
        assertEquals(Errno.INVAL, g.openErrno(3, 0, "sub\0", 0, 0));
    }

    @Test
    void symlinkLoopsEndInLoop() throws Exception {
        Guest g = rooted();
        Files.createSymbolicLink(tmp.resolve("root/a"), Path.of("b"));
        Files.createSymbolicLink(tmp.resolve("root/b"), Path.of("a"));
        assertEquals(Errno.LOOP, g.openErrno(3, LOOKUPFLAGS_SYMLINK_FOLLOW, "a", 0, 0));
    }

    @Test
    void pathOperationsCreateRenameLinkAndRemove() throws Exception {
        Guest g = rooted();
        Path root = tmp.resolve("root");
        assertEquals(0, g.pathCall("path_create_directory", 3, "d"));
        assertEquals(Errno.EXIST, g.pathCall("path_create_directory", 3, "d"));
        assertTrue(Files.isDirectory(root.resolve("d")));
        g.open(3, 0, "d/f", OFLAGS_CREAT, 0, 0);
        assertEquals(Errno.NOTEMPTY, g.pathCall("path_remove_directory", 3, "d"));
        assertEquals(Errno.ISDIR, g.pathCall("path_unlink_file", 3, "d"));
        assertEquals(Errno.NOTDIR, g.pathCall("path_unlink_file", 3, "d/f/"));

        int a = g.putString(100, "d/f"), b = g.putString(200, "g");
        assertEquals(0, g.call("path_rename", 3, 100, a, 3, 200, b));
        assertTrue(Files.exists(root.resolve("g")));
        assertEquals(0, g.call("path_link", 3, 0, 200, b, 3, 100, a));
        assertEquals(2, ((Number) Files.getAttribute(root.resolve("g"), "unix:nlink")).intValue());
        assertEquals(Errno.EXIST, g.call("path_link", 3, 0, 200, b, 3, 100, a));

        int t = g.putString(300, "g"), l = g.putString(400, "sym");
        assertEquals(0, g.call("path_symlink", 300, t, 3, 400, l));
        assertEquals(0, g.call("path_readlink", 3, 400, l, 500, 10, 16));
        assertEquals(1, g.i32(16));
        assertEquals("g", g.string(500, 1));
        assertEquals(Errno.INVAL, g.call("path_readlink", 3, 300, t, 500, 10, 16));

        assertEquals(0, g.call("path_filestat_get", 3, 0, 400, l, 600));
        assertEquals(FILETYPE_SYMBOLIC_LINK, g.u8(616));
        assertEquals(0, g.call("path_filestat_get", 3, LOOKUPFLAGS_SYMLINK_FOLLOW, 400, l, 600));
        assertEquals(FILETYPE_REGULAR_FILE, g.u8(616));

        assertEquals(0, g.call("path_filestat_get", 3, 0, 300, t, 600));
        long mtim = g.i64(648) - 1_000_000_000L;
        assertEquals(0, g.call("path_filestat_set_times", 3, 0, 300, t, 0L, mtim, FSTFLAGS_MTIM));
        assertEquals(0, g.call("path_filestat_get", 3, 0, 300, t, 600));
        assertEquals(mtim, g.i64(648));
        assertEquals(Errno.INVAL, g.call("path_filestat_set_times", 3, 0, 300, t, 0L, mtim, FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW));

        // the symlink itself, to the nanosecond (JDK 17's lutimes alone would keep microseconds); its target keeps its time
        long symMtim = 1_700_000_000_123_456_789L;
        assertEquals(0, g.call("path_filestat_set_times", 3, 0, 400, l, 0L, symMtim, FSTFLAGS_MTIM));
        assertEquals(0, g.call("path_filestat_get", 3, 0, 400, l, 600));
        assertEquals(symMtim, g.i64(648));
        assertEquals(0, g.call("path_filestat_get", 3, 0, 300, t, 600));
        assertEquals(mtim, g.i64(648));

        assertEquals(0, g.pathCall("path_unlink_file", 3, "sym"));
        assertEquals(0, g.pathCall("path_unlink_file", 3, "g"));
        assertEquals(0, g.pathCall("path_unlink_file", 3, "d/f"));
        assertEquals(0, g.pathCall("path_remove_directory", 3, "d/"));
        assertEquals(Errno.NOENT, g.pathCall("path_remove_directory", 3, "d"));
    }

    @Test
    void renumberMovesADescriptor() throws Exception {
        Guest g = rooted();
        int a = g.open(3, 0, "a", OFLAGS_CREAT, RIGHT_FD_WRITE, 0);
        int b = g.open(3, 0, "b", OFLAGS_CREAT, RIGHT_FD_READ, 0);
        assertEquals(0, g.call("fd_renumber", a, b));
        assertEquals(Errno.BADF, g.call("fd_close", a));
        assertEquals(0, g.call("fd_fdstat_get", b, 0));
        assertEquals(RIGHT_FD_WRITE, g.i64(8));
        assertEquals(Errno.BADF, g.call("fd_renumber", b, a));
        // fd 3 (the preopen) may be closed like any other
        assertEquals(0, g.call("fd_close", 3));
        assertEquals(Errno.BADF, g.call("fd_prestat_get", 3, 0));
    }

    @Test
    void clocksAndRandomLookSane() throws Exception {
        Guest g = new Guest(env());
        for (int clock = 0; clock < 4; clock++) {
            assertEquals(0, g.call("clock_res_get", clock, 0));
            assertTrue(g.i64(0) > 0);
            assertEquals(0, g.call("clock_time_get", clock, 1L, 8));
            assertTrue(g.i64(8) > 0, "clock " + clock);
        }
        assertEquals(Errno.INVAL, g.call("clock_time_get", 9, 1L, 8));
        assertEquals(0, g.call("clock_time_get", CLOCK_REALTIME, 1L, 8));
        long wall = g.i64(8) / 1_000_000;
        assertTrue(Math.abs(wall - System.currentTimeMillis()) < 5_000);
        assertEquals(0, g.call("clock_time_get", CLOCK_MONOTONIC, 1L, 0));
        long t0 = g.i64(0);
        Thread.sleep(5);
        assertEquals(0, g.call("clock_time_get", CLOCK_MONOTONIC, 1L, 0));
        assertTrue(g.i64(0) - t0 >= 5_000_000);

        assertEquals(0, g.call("random_get", 100, 0));
        assertEquals(0, g.call("random_get", 100, 256));
        int nonZero = 0;
        for (int i = 0; i < 256; i++) if (g.u8(100 + i) != 0) nonZero++;
        assertTrue(nonZero > 200);
    }

    @Test
    void pollOneoffSleepsForAClockSubscription() {
        Guest g = new Guest(env());
        // subscription 0 at 0: userdata 42, clock, monotonic, 30 ms relative
        g.mem().putLong(0, 42).put(8, (byte) EVENTTYPE_CLOCK).putInt(16, CLOCK_MONOTONIC).putLong(24, 30_000_000L).putShort(40, (short) 0);
        long start = System.nanoTime();
        assertEquals(0, g.call("poll_oneoff", 0, 100, 1, 200));
        assertTrue(System.nanoTime() - start >= 30_000_000L);
        assertEquals(1, g.i32(200));
        assertEquals(42, g.i64(100));
        assertEquals(0, g.mem().getShort(108));
        assertEquals(EVENTTYPE_CLOCK, g.u8(110));

        // stdout is writable at once; the long clock does not fire
        g.mem().putLong(48, 7).put(56, (byte) EVENTTYPE_FD_WRITE).putInt(64, 1);
        g.mem().putLong(24, 10_000_000_000L);
        start = System.nanoTime();
        assertEquals(0, g.call("poll_oneoff", 0, 100, 2, 200));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        assertEquals(1, g.i32(200));
        assertEquals(7, g.i64(100));
        assertEquals(EVENTTYPE_FD_WRITE, g.u8(110));
        assertEquals(Errno.INVAL, g.call("poll_oneoff", 0, 100, 0, 200));
    }

    @Test
    void procExitThrowsWithTheCodeAndSocketsAreAbsent() {
        Guest g = new Guest(env());
        WasiExit exit = assertThrows(WasiExit.class, () -> g.call("proc_exit", 17));
        assertEquals(17, exit.code());
        assertEquals(Errno.NOSYS, g.call("proc_raise", 6));
        assertEquals(0, g.call("sched_yield"));
        assertEquals(Errno.NOTSOCK, g.call("sock_shutdown", 1, SDFLAGS_RD));
        assertEquals(Errno.BADF, g.call("sock_shutdown", 99, SDFLAGS_RD));
        assertEquals(Errno.BADF, g.call("sock_accept", 99, 0, 0));
    }
}
