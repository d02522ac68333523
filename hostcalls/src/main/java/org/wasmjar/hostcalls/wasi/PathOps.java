package org.wasmjar.hostcalls.wasi;

import static org.wasmjar.hostcalls.wasi.WasiTypes.*;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import org.wasmjar.runtime.instance.Instance;

/**
 * The path_* functions. Every path goes through {@link Sandbox#resolve} against its directory descriptor first; the
 * host calls after that never follow a symlink themselves. Like current wasmtime, directory rights are reported and
 * inherited but enforced only for truncation (the sandbox, not rights, is what confines the guest).
 */
final class PathOps {
    private final FdTable fds;

    PathOps(FdTable fds) { this.fds = fds; }

    int path_open(int dirFd, int dirflags, int pathPtr, int pathLen, int oflags, long rightsBase, long rightsInheriting,
                  int fdflags, int fdPtr, Instance inst) throws IOException {
        Descriptor.Dir dir = dir(dirFd);
        String path = GuestMemory.string(inst, pathPtr, pathLen);
        GuestMemory.check(inst, fdPtr, 4);
        if ((oflags & ~0xF) != 0 || (fdflags & ~0x1F) != 0) throw new WasiError(Errno.INVAL);
        boolean creat = (oflags & OFLAGS_CREAT) != 0, excl = (oflags & OFLAGS_EXCL) != 0;
        boolean trunc = (oflags & OFLAGS_TRUNC) != 0, directory = (oflags & OFLAGS_DIRECTORY) != 0;
        if (trunc) dir.require(RIGHT_PATH_FILESTAT_SET_SIZE);
        Sandbox.Resolved r = Sandbox.resolve(dir.path, path, (dirflags & LOOKUPFLAGS_SYMLINK_FOLLOW) != 0);
        BasicFileAttributes attrs = Sandbox.attributes(r.host());
        if (attrs != null && creat && excl) throw new WasiError(Errno.EXIST);
        if (attrs != null && attrs.isSymbolicLink()) throw new WasiError(Errno.LOOP); // O_NOFOLLOW on the last component
        long base = rightsBase & dir.rightsInheriting, inheriting = rightsInheriting & dir.rightsInheriting;
        Descriptor opened;
        if (attrs != null && attrs.isDirectory()) {
            if (trunc || (rightsBase & RIGHT_FD_WRITE) != 0) throw new WasiError(Errno.ISDIR);
            opened = new Descriptor.Dir(r.host(), null, base & DIRECTORY_RIGHTS, inheriting);
        } else {
            if (attrs == null) {
                if (!creat) throw new WasiError(Errno.NOENT);
                if (directory) throw new WasiError(Errno.INVAL);
                if (r.trailingSlash()) throw new WasiError(Errno.ISDIR);
                Files.createFile(r.named().host());
            } else if (directory || r.trailingSlash()) {
                throw new WasiError(Errno.NOTDIR);
            }
            opened = openFile(r.host(), base & FILE_RIGHTS, inheriting, fdflags, trunc);
        }
        GuestMemory.putI32(inst, fdPtr, fds.add(opened));
        return Errno.SUCCESS;
    }

    /** Opens for reading and/or writing as the rights ask (reading when they ask neither); APPEND is applied per write. */
    private static Descriptor.File openFile(Path host, long base, long inheriting, int fdflags, boolean trunc) throws IOException {
        boolean write = trunc || (base & (RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE)) != 0;
        boolean read = (base & (RIGHT_FD_READ | RIGHT_FD_READDIR)) != 0 || !write;
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if (read) options.add(StandardOpenOption.READ);
        if (write) options.add(StandardOpenOption.WRITE);
        if (trunc) options.add(StandardOpenOption.TRUNCATE_EXISTING);
        if (write && (fdflags & (FDFLAGS_SYNC | FDFLAGS_RSYNC)) != 0) options.add(StandardOpenOption.SYNC);
        else if (write && (fdflags & FDFLAGS_DSYNC) != 0) options.add(StandardOpenOption.DSYNC);
        FileChannel channel = FileChannel.open(host, options);
        int type;
        try {
            type = Stat.filetype(host);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new Descriptor.File(channel, host, type, base, inheriting, fdflags);
    }

    int path_create_directory(int dirFd, int pathPtr, int pathLen, Instance inst) throws IOException {
        Descriptor.Dir dir = dir(dirFd);
        Sandbox.Resolved r = Sandbox.resolve(dir.path, GuestMemory.string(inst, pathPtr, pathLen), false);
        if (r.name() == null || Sandbox.attributes(r.host()) != null) throw new WasiError(Errno.EXIST);
        Files.createDirectory(r.host());
        return Errno.SUCCESS;
    }

    int path_filestat_get(int dirFd, int flags, int pathPtr, int pathLen, int bufPtr, Instance inst) throws IOException {
        Descriptor.Dir dir = dir(dirFd);
        Sandbox.Resolved r = existing(dir, flags, GuestMemory.string(inst, pathPtr, pathLen));
        Stat.write(inst, bufPtr, r.host());
        return Errno.SUCCESS;
    }

    int path_filestat_set_times(int dirFd, int flags, int pathPtr, int pathLen, long atim, long mtim, int fstflags,
                                Instance inst) throws IOException {
        Descriptor.Dir dir = dir(dirFd);
        Sandbox.Resolved r = existing(dir, flags, GuestMemory.string(inst, pathPtr, pathLen));
        Stat.setTimes(r.host(), atim, mtim, fstflags);
        return Errno.SUCCESS;
    }

    /** Hard links never follow the source: asking to is INVAL, as in wasmtime. A directory source is PERM. */
    int path_link(int oldFd, int oldFlags, int oldPtr, int oldLen, int newFd, int newPtr, int newLen, Instance inst)
            throws IOException {
        Descriptor.Dir from = dir(oldFd);
        Descriptor.Dir to = dir(newFd);
        if ((oldFlags & LOOKUPFLAGS_SYMLINK_FOLLOW) != 0) throw new WasiError(Errno.INVAL);
        Sandbox.Resolved src = Sandbox.resolve(from.path, GuestMemory.string(inst, oldPtr, oldLen), false);
        Sandbox.Resolved dst = Sandbox.resolve(to.path, GuestMemory.string(inst, newPtr, newLen), false);
        BasicFileAttributes srcAttrs = Sandbox.attributes(src.host());
        if (srcAttrs == null) throw new WasiError(Errno.NOENT);
        if (srcAttrs.isDirectory()) throw new WasiError(Errno.PERM);
        if (src.trailingSlash()) throw new WasiError(Errno.NOTDIR);
        if (dst.name() == null || Sandbox.attributes(dst.host()) != null) throw new WasiError(Errno.EXIST);
        if (dst.trailingSlash()) throw new WasiError(Errno.NOENT);
        Files.createLink(dst.host(), src.host());
        return Errno.SUCCESS;
    }

    /** Copies the link's target; a short buffer gets its first bytes (truncation, not an error). */
    int path_readlink(int dirFd, int pathPtr, int pathLen, int buf, int bufLen, int bufusedPtr, Instance inst)
            throws IOException {
        Descriptor.Dir dir = dir(dirFd);
        Sandbox.Resolved r = Sandbox.resolve(dir.path, GuestMemory.string(inst, pathPtr, pathLen), false);
        GuestMemory.check(inst, buf, Integer.toUnsignedLong(bufLen));
        GuestMemory.check(inst, bufusedPtr, 4);
        BasicFileAttributes attrs = Sandbox.attributes(r.host());
        if (attrs == null) throw new WasiError(Errno.NOENT);
        if (!attrs.isSymbolicLink()) throw new WasiError(Errno.INVAL);
        byte[] target = Files.readSymbolicLink(r.host()).toString().getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(target.length, Integer.toUnsignedLong(bufLen));
        GuestMemory.write(inst, buf, target, 0, n);
        GuestMemory.putI32(inst, bufusedPtr, n);
        return Errno.SUCCESS;
    }

    int path_remove_directory(int dirFd, int pathPtr, int pathLen, Instance inst) throws IOException {
        Descriptor.Dir dir = dir(dirFd);
        Sandbox.Resolved r = Sandbox.resolve(dir.path, GuestMemory.string(inst, pathPtr, pathLen), false).named();
        BasicFileAttributes attrs = Sandbox.attributes(r.host());
        if (attrs == null) throw new WasiError(Errno.NOENT);
        if (!attrs.isDirectory()) throw new WasiError(Errno.NOTDIR);
        Files.delete(r.host());
        return Errno.SUCCESS;
    }

    int path_unlink_file(int dirFd, int pathPtr, int pathLen, Instance inst) throws IOException {
        Descriptor.Dir dir = dir(dirFd);
        Sandbox.Resolved r = Sandbox.resolve(dir.path, GuestMemory.string(inst, pathPtr, pathLen), false);
        BasicFileAttributes attrs = Sandbox.attributes(r.host());
        if (attrs == null) throw new WasiError(Errno.NOENT);
        if (attrs.isDirectory()) throw new WasiError(Errno.ISDIR);
        if (r.trailingSlash()) throw new WasiError(Errno.NOTDIR);
        Files.delete(r.named().host());
        return Errno.SUCCESS;
    }

    /** rename(2): replaces a file or an empty directory atomically; kinds must match (NOTDIR / ISDIR otherwise). */
    int path_rename(int oldFd, int oldPtr, int oldLen, int newFd, int newPtr, int newLen, Instance inst) throws IOException {
        Descriptor.Dir from = dir(oldFd);
        Descriptor.Dir to = dir(newFd);
        Sandbox.Resolved src = Sandbox.resolve(from.path, GuestMemory.string(inst, oldPtr, oldLen), false).named();
        Sandbox.Resolved dst = Sandbox.resolve(to.path, GuestMemory.string(inst, newPtr, newLen), false).named();
        BasicFileAttributes srcAttrs = Sandbox.attributes(src.host());
        if (srcAttrs == null) throw new WasiError(Errno.NOENT);
        BasicFileAttributes dstAttrs = Sandbox.attributes(dst.host());
        boolean srcDir = srcAttrs.isDirectory();
        if (!srcDir && (src.trailingSlash() || dst.trailingSlash())) throw new WasiError(Errno.NOTDIR);
        if (dstAttrs != null) {
            if (srcDir && !dstAttrs.isDirectory()) throw new WasiError(Errno.NOTDIR);
            if (!srcDir && dstAttrs.isDirectory()) throw new WasiError(Errno.ISDIR);
        }
        Files.move(src.host(), dst.host(), StandardCopyOption.ATOMIC_MOVE);
        return Errno.SUCCESS;
    }

    /** Creates a symlink holding {@code old} verbatim; an absolute target is PERM, since the sandbox could never follow it. */
    int path_symlink(int oldPtr, int oldLen, int dirFd, int newPtr, int newLen, Instance inst) throws IOException {
        String target = GuestMemory.string(inst, oldPtr, oldLen);
        Descriptor.Dir dir = dir(dirFd);
        if (target.isEmpty() || target.indexOf('\0') >= 0) throw new WasiError(target.isEmpty() ? Errno.NOENT : Errno.INVAL);
        if (target.startsWith("/")) throw new WasiError(Errno.PERM);
        Sandbox.Resolved r = Sandbox.resolve(dir.path, GuestMemory.string(inst, newPtr, newLen), false);
        BasicFileAttributes attrs = Sandbox.attributes(r.host());
        if (r.name() == null || (attrs != null && (attrs.isDirectory() || !r.trailingSlash()))) throw new WasiError(Errno.EXIST);
        if (attrs != null) throw new WasiError(Errno.NOTDIR);
        if (r.trailingSlash()) throw new WasiError(Errno.NOENT);
        Files.createSymbolicLink(r.host(), java.nio.file.Paths.get(target));
        return Errno.SUCCESS;
    }

    /** The directory behind {@code fd}: BADF when closed, NOTDIR when no directory. */
    private Descriptor.Dir dir(int fd) {
        if (!(fds.get(fd) instanceof Descriptor.Dir dir)) throw new WasiError(Errno.NOTDIR);
        return dir;
    }

    /** Resolves a path that must exist; a trailing slash on a non-directory is NOTDIR. */
    private static Sandbox.Resolved existing(Descriptor.Dir dir, int lookupflags, String path) throws IOException {
        Sandbox.Resolved r = Sandbox.resolve(dir.path, path, (lookupflags & LOOKUPFLAGS_SYMLINK_FOLLOW) != 0);
        BasicFileAttributes attrs = Sandbox.attributes(r.host());
        if (attrs == null) throw new WasiError(Errno.NOENT);
        if (r.trailingSlash() && !attrs.isDirectory()) throw new WasiError(Errno.NOTDIR);
        return r;
    }
}
