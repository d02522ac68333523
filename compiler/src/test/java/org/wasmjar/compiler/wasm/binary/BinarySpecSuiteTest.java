package org.wasmjar.compiler.wasm.binary;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the parser over the official spec suite (core/*.wast converted by wast2json): every binary
 * {@code assert_malformed} module must be rejected with {@link MalformedModuleException}, every other
 * module (plain, invalid, unlinkable, uninstantiable, trapping) is well-formed and must parse.
 */
class BinarySpecSuiteTest {
    private static Path work;
    private static int passed;
    private static int failed;
    private static int files;

    @BeforeAll
    static void convertTarget() throws IOException {
        work = Files.createTempDirectory("wasmjar-parser-spec");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        System.out.printf("BinarySpecSuiteTest: %d files, %d module checks passed, %d failed%n", files, passed, failed);
        try (Stream<Path> all = Files.walk(work)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @TestFactory
    Stream<DynamicTest> specSuite() throws IOException {
        Path core = Path.of(System.getProperty("wasmjar.testsuite", "../shared/testsuite")).resolve("core");
        assumeTrue(Files.isDirectory(core), "spec test suite not found at " + core);
        assumeTrue(wast2jsonAvailable(), "wast2json not on PATH");
        List<Path> wasts;
        try (Stream<Path> list = Files.list(core)) {
            wasts = list.filter(p -> p.getFileName().toString().endsWith(".wast")).sorted().toList();
        }
        return wasts.stream().map(w -> DynamicTest.dynamicTest(w.getFileName().toString(), () -> checkFile(w)));
    }

    private static void checkFile(Path wast) throws Exception {
        String base = wast.getFileName().toString().replace(".wast", "");
        Path dir = Files.createDirectories(work.resolve(base));
        Path json = dir.resolve(base + ".json");
        Process p = new ProcessBuilder("wast2json", wast.toString(), "-o", json.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "wast2json failed: " + out);
        files++;

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> commands = (List<Map<String, Object>>) ((Map<String, Object>) MiniJson.parse(Files.readString(json))).get("commands");
        List<String> problems = new ArrayList<>();
        int checks = 0;
        for (Map<String, Object> cmd : commands) {
            String type = (String) cmd.get("type");
            String file = (String) cmd.get("filename");
            if (file == null || !file.endsWith(".wasm")) continue; // actions, and text modules we cannot parse
            byte[] bytes = Files.readAllBytes(dir.resolve(file));
            int line = ((Double) cmd.get("line")).intValue();
            checks++;
            if (type.equals("assert_malformed")) {
                try {
                    ModuleParser.parse(bytes);
                    problems.add(base + ".wast:" + line + " parsed but expected malformed: " + cmd.get("text"));
                } catch (MalformedModuleException expected) {
                    // the wording may differ; being rejected is what counts
                } catch (RuntimeException e) {
                    problems.add(base + ".wast:" + line + " threw " + e + " instead of MalformedModuleException");
                }
            } else {
                try {
                    ModuleParser.parse(bytes);
                } catch (RuntimeException e) {
                    problems.add(base + ".wast:" + line + " (" + type + ") should parse: " + e);
                }
            }
        }
        passed += checks - problems.size();
        failed += problems.size();
        if (!problems.isEmpty()) fail(problems.size() + " of " + checks + " checks failed:\n" + String.join("\n", problems));
    }

    private static boolean wast2jsonAvailable() {
        try {
            Process p = new ProcessBuilder("wast2json", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
