package org.wasmjar.hostcalls.wasi;

import org.wasmjar.runtime.instance.Instance;

/**
 * sock_accept, sock_recv, sock_send, sock_shutdown for a host that hands the guest no sockets: every open descriptor
 * is NOTSOCK, anything else BADF.
 */
final class Sockets {
    private final FdTable fds;

    Sockets(FdTable fds) { this.fds = fds; }

    int sock_accept(int fd, int flags, int fdPtr, Instance inst) { return notSocket(fd); }

    int sock_recv(int fd, int riData, int riDataLen, int riFlags, int roDataLenPtr, int roFlagsPtr, Instance inst) {
        return notSocket(fd);
    }

    int sock_send(int fd, int siData, int siDataLen, int siFlags, int soDataLenPtr, Instance inst) { return notSocket(fd); }

    int sock_shutdown(int fd, int how, Instance inst) { return notSocket(fd); }

    private int notSocket(int fd) {
        fds.get(fd);
        return Errno.NOTSOCK;
    }
}
