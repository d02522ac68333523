package org.wasmjar.hostcalls.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * A WASI call failing with an errno. Host functions throw it from any depth; the binding in {@link Wasi} turns it
 * into the function's return value, so the success path stays plain code. Stackless: it is an expected outcome.
 */
final class WasiError extends RuntimeException {
    final int errno;

    WasiError(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }

    /** The errno a host I/O failure stands for: by exception type, else by the OS's message (Java hides errno). */
    static int errnoOf(IOException e) {
        if (e instanceof NoSuchFileException) return Errno.NOENT;
        if (e instanceof FileAlreadyExistsException) return Errno.EXIST;
        if (e instanceof DirectoryNotEmptyException) return Errno.NOTEMPTY;
        if (e instanceof NotDirectoryException) return Errno.NOTDIR;
        if (e instanceof AccessDeniedException) return Errno.ACCES;
        if (e instanceof NotLinkException) return Errno.INVAL;
        if (e instanceof FileSystemLoopException) return Errno.LOOP;
        String m = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
        if (m.contains("Not a directory")) return Errno.NOTDIR;
        if (m.contains("Is a directory")) return Errno.ISDIR;
        if (m.contains("Directory not empty")) return Errno.NOTEMPTY;
        if (m.contains("Too many levels of symbolic links")) return Errno.LOOP;
        if (m.contains("File exists")) return Errno.EXIST;
        if (m.contains("No such file")) return Errno.NOENT;
        if (m.contains("Operation not permitted")) return Errno.PERM;
        if (m.contains("Permission denied")) return Errno.ACCES;
        if (m.contains("Invalid argument")) return Errno.INVAL;
        if (m.contains("File name too long")) return Errno.NAMETOOLONG;
        if (m.contains("Read-only file system")) return Errno.ROFS;
        if (m.contains("Invalid cross-device link") || m.contains("Cross-device link")) return Errno.XDEV;
        if (m.contains("No space left")) return Errno.NOSPC;
        if (m.contains("File too large")) return Errno.FBIG;
        if (m.contains("Bad file descriptor")) return Errno.BADF;
        if (m.contains("Broken pipe")) return Errno.PIPE;
        if (m.contains("Too many open files")) return Errno.MFILE;
        return Errno.IO;
    }
}
