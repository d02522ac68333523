package org.wasmjar.hostcalls.wasi;

import org.wasmjar.runtime.instance.Instance;

/** proc_exit, proc_raise, sched_yield. */
final class Proc {
    void proc_exit(int code, Instance inst) {
        throw new WasiExit(code);
    }

    /** Signals are not part of this host: raising one is NOSYS, as in wasmtime. */
    int proc_raise(int signal, Instance inst) {
        return Errno.NOSYS;
    }

    int sched_yield(Instance inst) {
        Thread.yield();
        return Errno.SUCCESS;
    }
}
