package org.wasmjar.hostcalls.edge;

import java.util.List;
import java.util.Objects;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostcallSet;
import org.wasmjar.runtime.link.Linker;

/**
 * The {@code edge} hostcall set. Found by name ({@link java.util.ServiceLoader}), it answers {@code GET /} with
 * {@link KvStore#process()}; made with a request, it answers that one. Each {@link #define} starts a new
 * {@link Edge} exchange (debug and panic messages to the environment's stderr); {@link #exchange()} is the latest,
 * whose {@link Edge#serve} runs the guest and gives the response.
 */
public final class EdgeHostcallSet implements HostcallSet {
    public static final String NAME = "edge";

    private final HttpRequest request;
    private final KvStore store;
    private Edge exchange;

    /** The set as the registry makes it: the request {@code GET /}, the process-wide store. */
    public EdgeHostcallSet() {
        this(new HttpRequest("GET", "/", List.of(), new byte[0]), KvStore.process());
    }

    public EdgeHostcallSet(HttpRequest request, KvStore store) {
        this.request = Objects.requireNonNull(request, "request");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override public String name() { return NAME; }

    @Override public String description() {
        return "the Terrarium seed's HTTP hostcalls (env.hostcall_*): request, response, key-value store, time, randomness, guest-allocated results";
    }

    @Override public void define(Linker linker, HostEnvironment env) {
        exchange = new Edge(request, store, env.stderr());
        exchange.define(linker);
    }

    /** The exchange the latest {@link #define} made, or null before the first. */
    public Edge exchange() { return exchange; }
}
