package org.wasmjar.hostcalls.wasi;

import java.security.SecureRandom;
import org.wasmjar.runtime.instance.Instance;

/** random_get: bytes from the host's secure generator. */
final class Randoms {
    private final SecureRandom random = new SecureRandom();

    int random_get(int buf, int len, Instance inst) {
        byte[] m = GuestMemory.bytes(inst);
        int at = GuestMemory.check(m, buf, Integer.toUnsignedLong(len));
        byte[] bytes = new byte[len];
        random.nextBytes(bytes);
        System.arraycopy(bytes, 0, m, at, len);
        return Errno.SUCCESS;
    }
}
