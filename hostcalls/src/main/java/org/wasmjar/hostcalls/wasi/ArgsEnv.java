package org.wasmjar.hostcalls.wasi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wasmjar.runtime.instance.Instance;

/** args_get, args_sizes_get, environ_get, environ_sizes_get: NUL-terminated UTF-8 strings and a pointer array. */
final class ArgsEnv {
    private final List<byte[]> args = new ArrayList<>();
    private final List<byte[]> environ = new ArrayList<>();

    ArgsEnv(List<String> argv, Map<String, String> env) {
        for (String a : argv) args.add(cString(a));
        env.forEach((k, v) -> environ.add(cString(k + "=" + v)));
    }

    int args_get(int argv, int argvBuf, Instance inst) { return strings(args, argv, argvBuf, inst); }

    int args_sizes_get(int argcPtr, int bufSizePtr, Instance inst) { return sizes(args, argcPtr, bufSizePtr, inst); }

    int environ_get(int environPtr, int environBuf, Instance inst) { return strings(environ, environPtr, environBuf, inst); }

    int environ_sizes_get(int countPtr, int bufSizePtr, Instance inst) { return sizes(environ, countPtr, bufSizePtr, inst); }

    private static int strings(List<byte[]> list, int pointers, int buf, Instance inst) {
        GuestMemory.check(inst, pointers, 4L * list.size());
        GuestMemory.check(inst, buf, totalSize(list));
        int at = buf;
        for (int i = 0; i < list.size(); i++) {
            byte[] s = list.get(i);
            GuestMemory.putI32(inst, pointers + 4 * i, at);
            GuestMemory.write(inst, at, s, 0, s.length);
            at += s.length;
        }
        return Errno.SUCCESS;
    }

    private static int sizes(List<byte[]> list, int countPtr, int bufSizePtr, Instance inst) {
        GuestMemory.check(inst, countPtr, 4);
        GuestMemory.check(inst, bufSizePtr, 4);
        GuestMemory.putI32(inst, countPtr, list.size());
        GuestMemory.putI32(inst, bufSizePtr, (int) totalSize(list));
        return Errno.SUCCESS;
    }

    private static long totalSize(List<byte[]> list) {
        long n = 0;
        for (byte[] s : list) n += s.length;
        return n;
    }

    private static byte[] cString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, c, 0, utf8.length);
        return c;
    }
}
