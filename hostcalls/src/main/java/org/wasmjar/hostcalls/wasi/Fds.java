package org.wasmjar.hostcalls.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.wasmjar.runtime.instance.Instance;

/** The fd_* functions: reading, writing, seeking, stat and flags of open descriptors, directory listing. */
final class Fds {
    static final int FDSTAT_SIZE = 24, PRESTAT_SIZE = 8, DIRENT_SIZE = 24;

    /** One fd_readdir entry. */
    record DirEntry(byte[] name, long ino, int type) {}

    private final FdTable fds;

    Fds(FdTable fds) { this.fds = fds; }

    // ---- reading and writing

    int fd_read(int fd, int iovs, int iovsLen, int nreadPtr, Instance inst) throws IOException {
        Descriptor d = fds.get(fd);
        GuestMemory.check(inst, nreadPtr, 4);
        ByteBuffer[] bufs = buffers(inst, iovs, iovsLen);
        long n;
        if (d instanceof Descriptor.Stream s) {
            if (s.in == null) throw new WasiError(Errno.BADF);
            n = readStream(s, bufs);
        } else if (d instanceof Descriptor.File f) {
            f.require(WasiTypes.RIGHT_FD_READ);
            try {
                n = Math.max(0, f.channel.read(bufs));
            } catch (NonReadableChannelException e) {
                throw new WasiError(Errno.BADF);
            }
        } else {
            throw new WasiError(Errno.ISDIR);
        }
        GuestMemory.putI32(inst, nreadPtr, (int) n);
        return Errno.SUCCESS;
    }

    /** Fills buffers in order, but blocks only for the first byte: after that, only what is already available. */
    private static long readStream(Descriptor.Stream s, ByteBuffer[] bufs) throws IOException {
        long total = 0;
        for (ByteBuffer b : bufs) {
            if (!b.hasRemaining()) continue;
            if (total > 0 && s.in.available() <= 0) break;
            int n = s.in.read(b.array(), b.arrayOffset() + b.position(), b.remaining());
            if (n <= 0) break;
            total += n;
            if (n < b.remaining()) break;
        }
        return total;
    }

    int fd_write(int fd, int iovs, int iovsLen, int nwrittenPtr, Instance inst) throws IOException {
        Descriptor d = fds.get(fd);
        GuestMemory.check(inst, nwrittenPtr, 4);
        ByteBuffer[] bufs = buffers(inst, iovs, iovsLen);
        long n = 0;
        if (d instanceof Descriptor.Stream s) {
            if (s.out == null) throw new WasiError(Errno.BADF);
            for (ByteBuffer b : bufs) {
                s.out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                n += b.remaining();
            }
            s.out.flush();
        } else if (d instanceof Descriptor.File f) {
            f.require(WasiTypes.RIGHT_FD_WRITE);
            try {
                if ((f.fdflags & WasiTypes.FDFLAGS_APPEND) != 0) {
                    n = remaining(bufs);
                    long pos = f.channel.size();
                    for (ByteBuffer b : bufs) while (b.hasRemaining()) pos += f.channel.write(b, pos);
                    f.channel.position(pos);
                } else {
                    long want = remaining(bufs);
                    while (n < want) n += f.channel.write(bufs);
                }
            } catch (NonWritableChannelException e) {
                throw new WasiError(Errno.BADF);
            }
        } else {
            throw new WasiError(Errno.ISDIR);
        }
        GuestMemory.putI32(inst, nwrittenPtr, (int) n);
        return Errno.SUCCESS;
    }

    int fd_pread(int fd, int iovs, int iovsLen, long offset, int nreadPtr, Instance inst) throws IOException {
        Descriptor.File f = positioned(fd);
        f.require(WasiTypes.RIGHT_FD_READ);
        if (offset < 0) throw new WasiError(Errno.INVAL);
        GuestMemory.check(inst, nreadPtr, 4);
        long pos = offset, total = 0;
        try {
            for (ByteBuffer b : buffers(inst, iovs, iovsLen)) {
                int want = b.remaining();
                int got = 0;
                while (b.hasRemaining()) {
                    int n = f.channel.read(b, pos);
                    if (n <= 0) break;
                    pos += n;
                    got += n;
                }
                total += got;
                if (got < want) break;
            }
        } catch (NonReadableChannelException e) {
            throw new WasiError(Errno.BADF);
        }
        GuestMemory.putI32(inst, nreadPtr, (int) total);
        return Errno.SUCCESS;
    }

    /** Writes at {@code offset} without moving the position (POSIX pwrite; APPEND does not redirect it). */
    int fd_pwrite(int fd, int iovs, int iovsLen, long offset, int nwrittenPtr, Instance inst) throws IOException {
        Descriptor.File f = positioned(fd);
        f.require(WasiTypes.RIGHT_FD_WRITE);
        if (offset < 0) throw new WasiError(Errno.INVAL);
        GuestMemory.check(inst, nwrittenPtr, 4);
        long pos = offset;
        try {
            for (ByteBuffer b : buffers(inst, iovs, iovsLen)) while (b.hasRemaining()) pos += f.channel.write(b, pos);
        } catch (NonWritableChannelException e) {
            throw new WasiError(Errno.BADF);
        }
        GuestMemory.putI32(inst, nwrittenPtr, (int) (pos - offset));
        return Errno.SUCCESS;
    }

    // ---- positions and sizes

    int fd_seek(int fd, long offset, int whence, int newOffsetPtr, Instance inst) throws IOException {
        Descriptor.File f = positioned(fd);
        GuestMemory.check(inst, newOffsetPtr, 8);
        long base = switch (whence) {
            case WasiTypes.WHENCE_SET -> 0;
            case WasiTypes.WHENCE_CUR -> f.channel.position();
            case WasiTypes.WHENCE_END -> f.channel.size();
            default -> throw new WasiError(Errno.INVAL);
        };
        long target = base + offset;
        if (target < 0) throw new WasiError(Errno.INVAL);
        f.channel.position(target);
        GuestMemory.putI64(inst, newOffsetPtr, target);
        return Errno.SUCCESS;
    }

    int fd_tell(int fd, int offsetPtr, Instance inst) throws IOException {
        Descriptor.File f = positioned(fd);
        GuestMemory.putI64(inst, offsetPtr, f.channel.position());
        return Errno.SUCCESS;
    }

    int fd_advise(int fd, long offset, long len, int advice, Instance inst) {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.Dir) throw new WasiError(Errno.BADF);
        if (!(d instanceof Descriptor.File)) throw new WasiError(Errno.SPIPE);
        if (offset < 0 || len < 0 || advice < WasiTypes.ADVICE_NORMAL || advice > WasiTypes.ADVICE_NOREUSE) {
            throw new WasiError(Errno.INVAL);
        }
        return Errno.SUCCESS; // advice is a hint; the JVM offers no way to pass it on
    }

    int fd_allocate(int fd, long offset, long len, Instance inst) throws IOException {
        Descriptor.File f = positioned(fd);
        if (offset < 0 || len <= 0) throw new WasiError(Errno.INVAL);
        long end = offset + len;
        if (end < 0) throw new WasiError(Errno.FBIG);
        if (end > f.channel.size()) extend(f, end);
        return Errno.SUCCESS;
    }

    int fd_filestat_set_size(int fd, long size, Instance inst) throws IOException {
        Descriptor.File f = positioned(fd);
        if (size < 0) throw new WasiError(Errno.INVAL);
        long current = f.channel.size();
        if (size < current) {
            try {
                f.channel.truncate(size);
            } catch (NonWritableChannelException e) {
                throw new WasiError(Errno.BADF);
            }
        } else if (size > current) {
            extend(f, size);
        }
        return Errno.SUCCESS;
    }

    /** Grows a file to {@code size} bytes by writing its last byte (the hole reads as zeros). */
    private static void extend(Descriptor.File f, long size) throws IOException {
        try {
            f.channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
        } catch (NonWritableChannelException e) {
            throw new WasiError(Errno.BADF);
        }
    }

    // ---- descriptor state

    int fd_close(int fd, Instance inst) throws IOException {
        fds.close(fd);
        return Errno.SUCCESS;
    }

    int fd_renumber(int from, int to, Instance inst) throws IOException {
        fds.renumber(from, to);
        return Errno.SUCCESS;
    }

    int fd_sync(int fd, Instance inst) throws IOException { return sync(fd, true); }

    int fd_datasync(int fd, Instance inst) throws IOException { return sync(fd, false); }

    private int sync(int fd, boolean metadata) throws IOException {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.File f) {
            f.channel.force(metadata);
        } else if (d instanceof Descriptor.Dir dir) {
            try (FileChannel ch = FileChannel.open(dir.path, StandardOpenOption.READ)) {
                ch.force(metadata);
            }
        } else {
            Descriptor.Stream s = (Descriptor.Stream) d;
            if (s.out == null) throw new WasiError(Errno.INVAL);
            s.out.flush();
        }
        return Errno.SUCCESS;
    }

    int fd_fdstat_get(int fd, int ptr, Instance inst) {
        Descriptor d = fds.get(fd);
        byte[] m = GuestMemory.bytes(inst);
        int at = GuestMemory.check(m, ptr, FDSTAT_SIZE);
        java.util.Arrays.fill(m, at, at + FDSTAT_SIZE, (byte) 0);
        m[at] = (byte) d.filetype();
        GuestMemory.setI16(m, at + 2, d.fdflags);
        GuestMemory.setI64(m, at + 8, d.rightsBase);
        GuestMemory.setI64(m, at + 16, d.rightsInheriting);
        return Errno.SUCCESS;
    }

    int fd_fdstat_set_flags(int fd, int flags, Instance inst) {
        Descriptor d = fds.get(fd);
        if ((flags & ~0x1F) != 0) throw new WasiError(Errno.INVAL);
        if (d instanceof Descriptor.Dir) {
            if (flags != 0) throw new WasiError(Errno.NOTSUP); // directories keep no flags
        } else {
            d.fdflags = flags;
        }
        return Errno.SUCCESS;
    }

    /** Rights only shrink: asking for one not held is NOTCAPABLE. */
    int fd_fdstat_set_rights(int fd, long base, long inheriting, Instance inst) {
        Descriptor d = fds.get(fd);
        if ((base & ~d.rightsBase) != 0 || (inheriting & ~d.rightsInheriting) != 0) throw new WasiError(Errno.NOTCAPABLE);
        d.rightsBase = base;
        d.rightsInheriting = inheriting;
        return Errno.SUCCESS;
    }

    int fd_filestat_get(int fd, int ptr, Instance inst) throws IOException {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.Dir dir) {
            Stat.write(inst, ptr, dir.path);
        } else if (d instanceof Descriptor.File f) {
            try {
                Stat.write(inst, ptr, f.path);
            } catch (NoSuchFileException unlinked) {
                // The file was removed while open: what the descriptor itself still knows.
                writeBareStat(inst, ptr, f.type, f.channel.size());
            }
        } else {
            writeBareStat(inst, ptr, d.filetype(), 0);
        }
        return Errno.SUCCESS;
    }

    private static void writeBareStat(Instance inst, int ptr, int type, long size) {
        byte[] m = GuestMemory.bytes(inst);
        int at = GuestMemory.check(m, ptr, Stat.FILESTAT_SIZE);
        java.util.Arrays.fill(m, at, at + Stat.FILESTAT_SIZE, (byte) 0);
        m[at + 16] = (byte) type;
        GuestMemory.setI64(m, at + 24, 1);
        GuestMemory.setI64(m, at + 32, size);
    }

    int fd_filestat_set_times(int fd, long atim, long mtim, int fstflags, Instance inst) throws IOException {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.Dir dir) {
            Stat.setTimes(dir.path, atim, mtim, fstflags);
        } else if (d instanceof Descriptor.File f) {
            Stat.setTimes(f.path, atim, mtim, fstflags);
        } else {
            throw new WasiError(Errno.NOTSUP);
        }
        return Errno.SUCCESS;
    }

    // ---- preopens and directories

    int fd_prestat_get(int fd, int ptr, Instance inst) {
        Descriptor.Dir dir = preopen(fd);
        byte[] m = GuestMemory.bytes(inst);
        int at = GuestMemory.check(m, ptr, PRESTAT_SIZE);
        java.util.Arrays.fill(m, at, at + PRESTAT_SIZE, (byte) 0);
        m[at] = WasiTypes.PREOPENTYPE_DIR;
        GuestMemory.setI32(m, at + 4, dir.preopenName.getBytes(StandardCharsets.UTF_8).length);
        return Errno.SUCCESS;
    }

    /** Copies the preopen's name (no NUL); a buffer shorter than the name is INVAL, a longer one is fine. */
    int fd_prestat_dir_name(int fd, int ptr, int len, Instance inst) {
        byte[] name = preopen(fd).preopenName.getBytes(StandardCharsets.UTF_8);
        if (Integer.toUnsignedLong(len) < name.length) throw new WasiError(Errno.INVAL);
        GuestMemory.write(inst, ptr, name, 0, name.length);
        return Errno.SUCCESS;
    }

    private Descriptor.Dir preopen(int fd) {
        if (fds.get(fd) instanceof Descriptor.Dir dir && dir.preopenName != null) return dir;
        throw new WasiError(Errno.BADF);
    }

    /**
     * Lists {@code .}, {@code ..} and the entries sorted by name; an entry's {@code d_next} is its index plus one, so
     * a cookie is an index. The last entry that does not fit is cut short, filling the buffer: the guest then knows
     * there is more and asks again with a larger buffer or the next cookie.
     */
    int fd_readdir(int fd, int buf, int bufLen, long cookie, int bufusedPtr, Instance inst) throws IOException {
        Descriptor d = fds.get(fd);
        if (!(d instanceof Descriptor.Dir dir)) throw new WasiError(Errno.NOTDIR);
        byte[] m = GuestMemory.bytes(inst);
        int at = GuestMemory.check(m, buf, Integer.toUnsignedLong(bufLen));
        GuestMemory.check(m, bufusedPtr, 4);
        if (cookie < 0) throw new WasiError(Errno.INVAL);
        if (cookie == 0 || dir.listing.isEmpty()) dir.listing = list(dir.path);
        int used = 0;
        for (long i = cookie; i < dir.listing.size() && used < bufLen; i++) {
            DirEntry e = dir.listing.get((int) i);
            byte[] rec = new byte[DIRENT_SIZE + e.name().length];
            GuestMemory.setI64(rec, 0, i + 1);
            GuestMemory.setI64(rec, 8, e.ino());
            GuestMemory.setI32(rec, 16, e.name().length);
            rec[20] = (byte) e.type();
            System.arraycopy(e.name(), 0, rec, DIRENT_SIZE, e.name().length);
            int n = Math.min(rec.length, bufLen - used);
            System.arraycopy(rec, 0, m, at + used, n);
            used += n;
        }
        GuestMemory.putI32(inst, bufusedPtr, used);
        return Errno.SUCCESS;
    }

    private static List<DirEntry> list(Path dir) throws IOException {
        List<DirEntry> entries = new ArrayList<>();
        entries.add(new DirEntry(new byte[] {'.'}, Stat.inode(dir), WasiTypes.FILETYPE_DIRECTORY));
        Path parent = dir.toAbsolutePath().getParent();
        entries.add(new DirEntry(new byte[] {'.', '.'}, parent == null ? 0 : Stat.inode(parent), WasiTypes.FILETYPE_DIRECTORY));
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (java.nio.file.DirectoryIteratorException e) {
            throw e.getCause();
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path child : children) {
            int type;
            try {
                type = Stat.filetype(child);
            } catch (IOException vanished) {
                continue;
            }
            entries.add(new DirEntry(child.getFileName().toString().getBytes(StandardCharsets.UTF_8), Stat.inode(child), type));
        }
        return entries;
    }

    // ---- helpers

    /** The open file behind {@code fd} for calls that need a position: a directory is ISDIR, a stream SPIPE. */
    private Descriptor.File positioned(int fd) {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.File f) return f;
        throw new WasiError(d instanceof Descriptor.Dir ? Errno.ISDIR : Errno.SPIPE);
    }

    /** The guest's iovec array as buffers over memory, each range checked (FAULT) before any I/O happens. */
    static ByteBuffer[] buffers(Instance inst, int iovs, int iovsLen) {
        byte[] m = GuestMemory.bytes(inst);
        int base = GuestMemory.check(m, iovs, 8L * Integer.toUnsignedLong(iovsLen));
        ByteBuffer[] bufs = new ByteBuffer[iovsLen];
        for (int i = 0; i < iovsLen; i++) {
            int ptr = GuestMemory.i32(inst, base + 8 * i);
            int len = GuestMemory.i32(inst, base + 8 * i + 4);
            bufs[i] = ByteBuffer.wrap(m, GuestMemory.check(m, ptr, Integer.toUnsignedLong(len)), len);
        }
        return bufs;
    }

    private static long remaining(ByteBuffer[] bufs) {
        long n = 0;
        for (ByteBuffer b : bufs) n += b.remaining();
        return n;
    }
}
