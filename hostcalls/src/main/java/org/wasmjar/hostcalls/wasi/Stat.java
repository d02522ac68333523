package org.wasmjar.hostcalls.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.wasmjar.runtime.instance.Instance;

/** Host file attributes as WASI {@code filestat} (64 bytes: dev, ino, filetype, nlink, size, atim, mtim, ctim). */
final class Stat {
    static final int FILESTAT_SIZE = 64;
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private Stat() {}

    /** Writes the filestat of {@code path} itself (a symlink is not followed: the sandbox resolved it already). */
    static void write(Instance inst, int ptr, Path path) throws IOException {
        byte[] m = GuestMemory.bytes(inst);
        int at = GuestMemory.check(m, ptr, FILESTAT_SIZE);
        long dev = 0, ino = 0, nlink = 1, ctim;
        int type;
        BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:dev,ino,nlink,mode,ctime", NOFOLLOW);
            dev = ((Number) unix.get("dev")).longValue();
            ino = ((Number) unix.get("ino")).longValue();
            nlink = ((Number) unix.get("nlink")).longValue();
            ctim = nanos((FileTime) unix.get("ctime"));
            type = filetype((Integer) unix.get("mode"));
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            ctim = nanos(basic.lastModifiedTime());
            type = filetype(basic);
        }
        java.util.Arrays.fill(m, at, at + FILESTAT_SIZE, (byte) 0);
        GuestMemory.setI64(m, at, dev);
        GuestMemory.setI64(m, at + 8, ino);
        m[at + 16] = (byte) type;
        GuestMemory.setI64(m, at + 24, nlink);
        GuestMemory.setI64(m, at + 32, basic.size());
        GuestMemory.setI64(m, at + 40, nanos(basic.lastAccessTime()));
        GuestMemory.setI64(m, at + 48, nanos(basic.lastModifiedTime()));
        GuestMemory.setI64(m, at + 56, ctim);
    }

    /** The WASI file type of {@code path} itself, not following a symlink. */
    static int filetype(Path path) throws IOException {
        return filetype(Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW));
    }

    /** The inode number of {@code path}, 0 where the host does not say. */
    static long inode(Path path) {
        try {
            return ((Number) Files.getAttribute(path, "unix:ino", NOFOLLOW)).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    static int filetype(BasicFileAttributes a) {
        if (a.isDirectory()) return WasiTypes.FILETYPE_DIRECTORY;
        if (a.isRegularFile()) return WasiTypes.FILETYPE_REGULAR_FILE;
        if (a.isSymbolicLink()) return WasiTypes.FILETYPE_SYMBOLIC_LINK;
        return WasiTypes.FILETYPE_UNKNOWN;
    }

    private static int filetype(int mode) {
        return switch (mode & 0170000) {
            case 0140000 -> WasiTypes.FILETYPE_SOCKET_STREAM;
            case 0120000 -> WasiTypes.FILETYPE_SYMBOLIC_LINK;
            case 0100000 -> WasiTypes.FILETYPE_REGULAR_FILE;
            case 0060000 -> WasiTypes.FILETYPE_BLOCK_DEVICE;
            case 0040000 -> WasiTypes.FILETYPE_DIRECTORY;
            case 0020000 -> WasiTypes.FILETYPE_CHARACTER_DEVICE;
            default -> WasiTypes.FILETYPE_UNKNOWN;
        };
    }

    static long nanos(FileTime t) { return t.to(TimeUnit.NANOSECONDS); }

    /**
     * Applies {@code fd_filestat_set_times}/{@code path_filestat_set_times} arguments to {@code path} itself:
     * a time and its _NOW flag together are INVAL; an unset time keeps its value.
     */
    static void setTimes(Path path, long atim, long mtim, int fstflags) throws IOException {
        if ((fstflags & ~0xF) != 0) throw new WasiError(Errno.INVAL);
        boolean atimSet = (fstflags & WasiTypes.FSTFLAGS_ATIM) != 0, atimNow = (fstflags & WasiTypes.FSTFLAGS_ATIM_NOW) != 0;
        boolean mtimSet = (fstflags & WasiTypes.FSTFLAGS_MTIM) != 0, mtimNow = (fstflags & WasiTypes.FSTFLAGS_MTIM_NOW) != 0;
        if ((atimSet && atimNow) || (mtimSet && mtimNow)) throw new WasiError(Errno.INVAL);
        FileTime now = FileTime.from(java.time.Instant.now());
        FileTime a = atimNow ? now : atimSet ? FileTime.from(atim, TimeUnit.NANOSECONDS) : null;
        FileTime m = mtimNow ? now : mtimSet ? FileTime.from(mtim, TimeUnit.NANOSECONDS) : null;
        if (a == null && m == null) return;
        Files.getFileAttributeView(path, java.nio.file.attribute.BasicFileAttributeView.class, NOFOLLOW).setTimes(m, a, null);
        BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
        if (after.isSymbolicLink()) {
            if (m != null && !m.equals(after.lastModifiedTime())) touchSymlink(path, "-m", m);
            if (a != null && !a.equals(after.lastAccessTime())) touchSymlink(path, "-a", a);
        }
    }

    /**
     * JDK 17 sets a symlink's own times with lutimes(2), which keeps only microseconds (newer JDKs use utimensat and
     * never get here). GNU touch -h calls utimensat with AT_SYMLINK_NOFOLLOW, so it keeps the nanoseconds. Best
     * effort: without such a touch the time stays as lutimes set it, off by less than a microsecond.
     */
    private static void touchSymlink(Path link, String which, FileTime time) {
        long nanos = nanos(time);
        if (nanos < 0) return;
        String stamp = String.format("@%d.%09d", nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        try {
            Process p = new ProcessBuilder("touch", "-h", which, "-d", stamp, "--", link.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (IOException e) {
            // no touch on this host: keep the microsecond time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
