package org.wasmjar.hostcalls.api;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a guest program sees of the outside world: its arguments (argv[0] included), its complete environment, in order (nothing
 * else of the host's leaks in), the host directories it may reach and the guest names they appear under (in order),
 * and its standard streams. Immutable; the {@code with...} methods return changed copies.
 */
public record HostEnvironment(List<String> args, Map<String, String> env, Map<Path, String> preopens,
                              InputStream stdin, OutputStream stdout, OutputStream stderr) {
    public HostEnvironment {
        args = List.copyOf(args);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        preopens = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(preopens));
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** No arguments, an empty environment, no directories, and the process's own standard streams (unbuffered). */
    public static HostEnvironment inherit() {
        return new HostEnvironment(List.of(), Map.of(), Map.of(), new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
    }

    public HostEnvironment withArgs(List<String> newArgs) {
        return new HostEnvironment(newArgs, env, preopens, stdin, stdout, stderr);
    }

    public HostEnvironment withEnv(Map<String, String> newEnv) {
        return new HostEnvironment(args, newEnv, preopens, stdin, stdout, stderr);
    }

    /** Adds a directory: {@code hostDir} appears to the guest as {@code guestPath} (e.g. {@code /}). */
    public HostEnvironment withPreopen(Path hostDir, String guestPath) {
        Map<Path, String> more = new LinkedHashMap<>(preopens);
        more.put(hostDir, guestPath);
        return new HostEnvironment(args, env, more, stdin, stdout, stderr);
    }

    public HostEnvironment withStdio(InputStream in, OutputStream out, OutputStream err) {
        return new HostEnvironment(args, env, preopens, in, out, err);
    }
}
