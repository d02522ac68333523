package org.wasmjar.hostcalls.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** What a guest file descriptor stands for, with its WASI rights and fdflags. */
abstract class Descriptor {
    long rightsBase;
    long rightsInheriting;
    int fdflags;

    Descriptor(long rightsBase, long rightsInheriting) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
    }

    abstract int filetype();

    /** Fails with NOTCAPABLE unless every right in {@code rights} is held. */
    void require(long rights) {
        if ((rightsBase & rights) != rights) throw new WasiError(Errno.NOTCAPABLE);
    }

    void close() throws IOException {}

    /** A standard stream: an input, an output, or (after renumbering) either. */
    static final class Stream extends Descriptor {
        final InputStream in;
        final OutputStream out;
        final boolean tty;

        Stream(InputStream in, OutputStream out, boolean tty) {
            super(WasiTypes.STDIO_RIGHTS & ~(in == null ? WasiTypes.RIGHT_FD_READ : WasiTypes.RIGHT_FD_WRITE), 0);
            this.in = in;
            this.out = out;
            this.tty = tty;
        }

        @Override int filetype() { return tty ? WasiTypes.FILETYPE_CHARACTER_DEVICE : WasiTypes.FILETYPE_UNKNOWN; }
    }

    /** An open regular file (or other non-directory), read and written through a channel. */
    static final class File extends Descriptor {
        final FileChannel channel;
        final Path path;
        final int type;

        File(FileChannel channel, Path path, int type, long rightsBase, long rightsInheriting, int fdflags) {
            super(rightsBase, rightsInheriting);
            this.channel = channel;
            this.path = path;
            this.type = type;
            this.fdflags = fdflags;
        }

        @Override int filetype() { return type; }

        @Override void close() throws IOException { channel.close(); }
    }

    /** An open directory: a host path that paths resolve against and cannot escape. */
    static final class Dir extends Descriptor {
        final Path path;
        /** The guest name of a preopened directory, null for directories opened later. */
        final String preopenName;
        /** The entries the last fd_readdir from cookie 0 saw; later cookies index into it, so they stay stable. */
        java.util.List<Fds.DirEntry> listing = java.util.List.of();

        Dir(Path path, String preopenName, long rightsBase, long rightsInheriting) {
            super(rightsBase, rightsInheriting);
            this.path = path;
            this.preopenName = preopenName;
        }

        @Override int filetype() { return WasiTypes.FILETYPE_DIRECTORY; }
    }
}
