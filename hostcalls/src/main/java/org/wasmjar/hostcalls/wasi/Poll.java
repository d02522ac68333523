package org.wasmjar.hostcalls.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.wasmjar.runtime.instance.Instance;

/**
 * poll_oneoff. Regular files and output streams are always ready; an input stream is ready when it has bytes
 * available; a clock subscription fires at its deadline. The call waits (sleeping in short steps while an input
 * stream is watched) until something is ready, and reports every subscription ready at that moment.
 */
final class Poll {
    static final int SUBSCRIPTION_SIZE = 48, EVENT_SIZE = 32;
    private static final long STEP_NANOS = 1_000_000;

    private final FdTable fds;
    private final Clocks clocks;

    Poll(FdTable fds, Clocks clocks) {
        this.fds = fds;
        this.clocks = clocks;
    }

    private record Sub(long userdata, int type, long deadline, int fd) {}

    int poll_oneoff(int in, int out, int nsubscriptions, int neventsPtr, Instance inst) throws IOException {
        if (nsubscriptions <= 0) throw new WasiError(Errno.INVAL);
        GuestMemory.check(inst, in, (long) SUBSCRIPTION_SIZE * nsubscriptions);
        GuestMemory.check(inst, out, (long) EVENT_SIZE * nsubscriptions);
        GuestMemory.check(inst, neventsPtr, 4);
        List<Sub> subs = new ArrayList<>();
        long start = clocks.now(WasiTypes.CLOCK_MONOTONIC);
        for (int i = 0; i < nsubscriptions; i++) {
            int at = in + i * SUBSCRIPTION_SIZE;
            long userdata = GuestMemory.i64(inst, at);
            int tag = GuestMemory.u8(inst, at + 8);
            switch (tag) {
                case WasiTypes.EVENTTYPE_CLOCK -> {
                    int clock = GuestMemory.i32(inst, at + 16);
                    long timeout = GuestMemory.i64(inst, at + 24);
                    boolean absolute = (GuestMemory.u16(inst, at + 40) & WasiTypes.SUBSCRIPTION_CLOCK_ABSTIME) != 0;
                    long relative;
                    try {
                        relative = absolute ? timeout - clocks.now(clock) : timeout;
                    } catch (WasiError e) {
                        subs.add(new Sub(userdata, -e.errno, 0, 0)); // reported at once with its errno
                        continue;
                    }
                    long deadline = start + Math.max(0, relative);
                    subs.add(new Sub(userdata, tag, deadline < start ? Long.MAX_VALUE : deadline, 0));
                }
                case WasiTypes.EVENTTYPE_FD_READ, WasiTypes.EVENTTYPE_FD_WRITE ->
                        subs.add(new Sub(userdata, tag, 0, GuestMemory.i32(inst, at + 16)));
                default -> throw new WasiError(Errno.INVAL);
            }
        }
        int n;
        while (true) {
            long now = clocks.now(WasiTypes.CLOCK_MONOTONIC);
            n = 0;
            for (Sub s : subs) if (report(s, now, out + n * EVENT_SIZE, inst)) n++;
            if (n > 0) break;
            long next = Long.MAX_VALUE;
            boolean watchingInput = false;
            for (Sub s : subs) {
                if (s.type == WasiTypes.EVENTTYPE_CLOCK) next = Math.min(next, s.deadline);
                else watchingInput = true;
            }
            long wait = next == Long.MAX_VALUE ? STEP_NANOS : next - now;
            if (watchingInput) wait = Math.min(wait, STEP_NANOS);
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WasiError(Errno.INTR);
            }
        }
        GuestMemory.putI32(inst, neventsPtr, n);
        return Errno.SUCCESS;
    }

    /** Writes the event for {@code s} at {@code at} when it is ready now; says whether it was. */
    private boolean report(Sub s, long now, int at, Instance inst) throws IOException {
        int errno = Errno.SUCCESS;
        long nbytes = 0;
        int type = s.type;
        if (type < 0) {
            errno = -type;
            type = WasiTypes.EVENTTYPE_CLOCK;
        } else if (type == WasiTypes.EVENTTYPE_CLOCK) {
            if (now < s.deadline) return false;
        } else if (!fds.isOpen(s.fd)) {
            errno = Errno.BADF;
        } else {
            Descriptor d = fds.get(s.fd);
            if (d instanceof Descriptor.Dir) {
                errno = Errno.BADF;
            } else if (d instanceof Descriptor.File f && type == WasiTypes.EVENTTYPE_FD_READ) {
                nbytes = Math.max(0, f.channel.size() - f.channel.position());
            } else if (d instanceof Descriptor.Stream st) {
                if (type == WasiTypes.EVENTTYPE_FD_READ) {
                    if (st.in == null) {
                        errno = Errno.BADF;
                    } else {
                        int available = st.in.available();
                        if (available <= 0) return false;
                        nbytes = available;
                    }
                } else if (st.out == null) {
                    errno = Errno.BADF;
                }
            }
        }
        byte[] m = GuestMemory.bytes(inst);
        int p = GuestMemory.check(m, at, EVENT_SIZE);
        java.util.Arrays.fill(m, p, p + EVENT_SIZE, (byte) 0);
        GuestMemory.setI64(m, p, s.userdata);
        GuestMemory.setI16(m, p + 8, errno);
        m[p + 10] = (byte) type;
        if (type != WasiTypes.EVENTTYPE_CLOCK) GuestMemory.setI64(m, p + 16, nbytes);
        return true;
    }
}
