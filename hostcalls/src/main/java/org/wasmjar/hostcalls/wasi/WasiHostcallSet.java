package org.wasmjar.hostcalls.wasi;

import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostcallSet;
import org.wasmjar.runtime.link.Linker;

/** The {@code wasi} hostcall set: wasi_snapshot_preview1 over a fresh {@link Wasi} per {@link #define} call. */
public final class WasiHostcallSet implements HostcallSet {
    @Override public String name() { return "wasi"; }

    @Override public String description() { return "WASI preview 1 (wasi_snapshot_preview1): args, env, clocks, random, files under preopened directories, poll, exit"; }

    @Override public void define(Linker linker, HostEnvironment env) { new Wasi(env).define(linker); }
}
