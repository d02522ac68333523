package org.wasmjar.tests.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * node's V8 as the reference engine: runs a plan of calls through {@code reference.mjs} and returns its transcripts,
 * or validates a list of modules through {@code validate.mjs}.
 */
final class NodeReference {
    private final Path reference;
    private final Path validator;

    /** Unpacks the scripts into {@code work}. */
    NodeReference(Path work) throws IOException {
        reference = unpack(work, "reference.mjs");
        validator = unpack(work, "validate.mjs");
    }

    /** One transcript per module of the plan, in plan order. */
    List<List<String>> run(Path plan) throws IOException, InterruptedException {
        List<List<String>> groups = new ArrayList<>();
        for (String line : node(reference, plan)) {
            if (line.startsWith("module ") || groups.isEmpty()) groups.add(new ArrayList<>());
            groups.get(groups.size() - 1).add(line);
        }
        return groups;
    }

    /** For each module path listed in {@code list}, whether V8 validates it. */
    List<Boolean> validate(Path list) throws IOException, InterruptedException {
        return node(validator, list).stream().map("ok"::equals).toList();
    }

    /** Whether {@code command} runs and exits with 0: how the tests find out that a tool is installed. */
    static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> node(Path script, Path input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", script.toString(), input.toString()).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("node did not finish " + input);
        }
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    private static Path unpack(Path work, String script) throws IOException {
        Path file = work.resolve(script);
        try (InputStream in = NodeReference.class.getResourceAsStream("/fuzz/" + script)) {
            if (in == null) throw new IOException("fuzz/" + script + " is not on the test classpath");
            Files.write(file, in.readAllBytes());
        }
        return file;
    }
}
