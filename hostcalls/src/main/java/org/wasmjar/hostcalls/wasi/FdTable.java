package org.wasmjar.hostcalls.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The guest's descriptor numbers: the lowest free number is reused, as POSIX does. */
final class FdTable {
    private final List<Descriptor> slots = new ArrayList<>();

    /** The descriptor numbered {@code fd}, or BADF. */
    Descriptor get(int fd) {
        if (fd < 0 || fd >= slots.size() || slots.get(fd) == null) throw new WasiError(Errno.BADF);
        return slots.get(fd);
    }

    boolean isOpen(int fd) { return fd >= 0 && fd < slots.size() && slots.get(fd) != null; }

    int add(Descriptor d) {
        int fd = slots.indexOf(null);
        if (fd < 0) {
            slots.add(d);
            return slots.size() - 1;
        }
        slots.set(fd, d);
        return fd;
    }

    void close(int fd) throws IOException {
        Descriptor d = get(fd);
        slots.set(fd, null);
        d.close();
    }

    /** Moves {@code from} onto {@code to}, closing what {@code to} held; both must be open. */
    void renumber(int from, int to) throws IOException {
        Descriptor d = get(from);
        Descriptor old = get(to);
        if (from == to) return;
        slots.set(to, d);
        slots.set(from, null);
        old.close();
    }
}
