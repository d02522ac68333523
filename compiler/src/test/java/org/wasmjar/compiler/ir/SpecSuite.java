package org.wasmjar.compiler.ir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test support: the spec suite's .wast files converted once per test run with wabt's wast2json. */
final class SpecSuite {
    private SpecSuite() {}

    /** One converted .wast: its name, the directory holding its modules, and its commands, one per line. */
    record Script(String name, Path dir, List<String> commands) {}

    private static List<Script> scripts;

    static synchronized List<Script> scripts() throws IOException, InterruptedException {
        if (scripts != null) return scripts;
        Path suite = Path.of(System.getProperty("wasmjar.testsuite", "../shared/testsuite"), "core");
        assumeTrue(Files.isDirectory(suite), "spec test suite not found at " + suite);
        Path out = Files.createTempDirectory("wasmjar-ir-spec");
        List<Path> wasts;
        try (Stream<Path> s = Files.list(suite)) {
            wasts = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        List<Script> result = new ArrayList<>();
        for (Path wast : wasts) {
            String base = wast.getFileName().toString().replace(".wast", "");
            Path json = out.resolve(base + ".json");
            Process p;
            try {
                p = new ProcessBuilder("wast2json", wast.toString(), "-o", json.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                assumeTrue(false, "wast2json not available");
                throw e;
            }
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) continue;
            List<String> commands = Files.readAllLines(json).stream().map(String::trim).filter(l -> l.startsWith("{\"type\"")).toList();
            result.add(new Script(base, out, commands));
        }
        scripts = result;
        return result;
    }
}
