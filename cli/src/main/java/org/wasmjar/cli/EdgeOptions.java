package org.wasmjar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wasmjar.hostcalls.edge.EdgeHostcallSet;
import org.wasmjar.hostcalls.edge.HttpRequest;
import org.wasmjar.hostcalls.edge.KvStore;
import org.wasmjar.runtime.api.WasmjarException;
import picocli.CommandLine.Option;

/** {@code wasmjar run} options of the {@code edge} hostcall set: the one HTTP request the guest serves. */
final class EdgeOptions {
    @Option(names = "--request", paramLabel = "\"METHOD /path\"",
            description = "With --hostcalls edge: the request line the guest's run function serves (default: GET /).")
    String request;

    @Option(names = {"-H", "--header"}, paramLabel = "\"Name: value\"",
            description = "With --hostcalls edge: a request header. Repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--body", paramLabel = "FILE", description = "With --hostcalls edge: a file holding the request body.")
    Path body;

    boolean given() { return request != null || !headers.isEmpty() || body != null; }

    /** The edge set serving the request these options describe; the key-value store lives as long as the process. */
    EdgeHostcallSet hostcallSet() {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : Files.readAllBytes(body);
        } catch (NoSuchFileException e) {
            throw new WasmjarException("--body: no such file: " + body);
        } catch (IOException e) {
            throw new WasmjarException("--body: cannot read " + body + ": " + e.getMessage());
        }
        return new EdgeHostcallSet(HttpRequest.parse(request == null ? "GET /" : request, headers, bytes), KvStore.process());
    }
}
