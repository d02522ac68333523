package org.wasmjar.tests.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Well-formed module binaries to mutate: every binary module the spec scripts define or expect to be unlinkable
 * or uninstantiable (converted with {@code wast2json}, as the spec suite test does), and the modules of a directory
 * such as the example programs.
 */
final class SeedCorpus {
    /** One seed: where it came from and its bytes. */
    record Seed(String name, byte[] bytes) {}

    /** The commands whose module is well-formed and valid; assert_invalid and assert_malformed ones are not seeds. */
    private static final Pattern VALID_MODULE = Pattern.compile(
            "\\{\"type\": \"(?:module|assert_unlinkable|assert_uninstantiable)\", \"line\": \\d+,(?: \"name\": \"[^\"]*\",)? \"filename\": \"([^\"]+\\.wasm)\"");

    /** Converting the suite takes seconds, and the fuzz tests share one JVM: each suite is converted once. */
    private static final Map<String, List<Seed>> CONVERTED = new HashMap<>();

    private SeedCorpus() {}

    /** The spec suite's seeds. */
    static synchronized List<Seed> spec(Path core) throws IOException, InterruptedException {
        String key = core.toAbsolutePath().toString();
        List<Seed> seeds = CONVERTED.get(key);
        if (seeds == null) {
            Path work = Files.createTempDirectory("wasmjar-seeds-");
            try {
                seeds = List.copyOf(convert(core, work));
            } finally {
                try (Stream<Path> all = Files.walk(work)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                }
            }
            CONVERTED.put(key, seeds);
        }
        return seeds;
    }

    private static List<Seed> convert(Path core, Path workDir) throws IOException, InterruptedException {
        List<Path> scripts;
        try (Stream<Path> list = Files.list(core)) {
            scripts = list.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        List<Seed> seeds = new ArrayList<>();
        for (Path script : scripts) {
            String base = script.getFileName().toString().replaceFirst("\\.wast$", "");
            Path json = workDir.resolve(base + ".json");
            Process p = new ProcessBuilder("wast2json", script.toString(), "-o", json.toString())
                    .redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            if (p.waitFor() != 0) continue; // the spec suite test reports scripts wast2json cannot convert
            Matcher m = VALID_MODULE.matcher(Files.readString(json, StandardCharsets.UTF_8));
            while (m.find()) seeds.add(new Seed(base + "/" + m.group(1), Files.readAllBytes(workDir.resolve(m.group(1)))));
        }
        return seeds;
    }

    /** Every {@code .wasm} file in {@code dir} and its subdirectories, or nothing when the directory is absent. */
    static List<Seed> directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        List<Seed> seeds = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(f -> f.toString().endsWith(".wasm")).sorted(Comparator.naturalOrder()).toList()) {
                seeds.add(new Seed(dir.getFileName() + "/" + dir.relativize(p), Files.readAllBytes(p)));
            }
        }
        return seeds;
    }
}
