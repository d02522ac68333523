package org.wasmjar.compiler.wasm.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmjar.compiler.wasm.binary.MalformedModuleException;
import org.wasmjar.compiler.wasm.binary.ModuleParser;

/**
 * Runs parser + validator over every binary module of the core spec suite (converted with wast2json):
 * modules that must decode and validate, assert_invalid modules that must be rejected as invalid and
 * assert_malformed binaries that must be rejected (as malformed; as invalid is counted apart).
 */
class ValidatorSpecSuiteTest {
    // wast2json writes one command per line; the first "type" on a line is the command's
    private static final Pattern TYPE = Pattern.compile("\"type\": \"(\\w+)\"");
    private static final Pattern FILENAME = Pattern.compile("\"filename\": \"([^\"]+)\"");
    private static final Pattern MODULE_TYPE = Pattern.compile("\"module_type\": \"(\\w+)\"");
    private static final Pattern TEXT = Pattern.compile("\"text\": \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern LINE = Pattern.compile("\"line\": (\\d+)");

    private int valid, invalid, invalidAsMalformed, malformed, malformedAsInvalid;
    private final List<String> failures = new ArrayList<>();
    /** Invalid modules rejected with other wording than the suite's: reported, not failed. */
    private final List<String> otherReasons = new ArrayList<>();

    @Test
    void coreSuite(@TempDir Path out) throws Exception {
        Path core = Paths.get(System.getProperty("wasmjar.testsuite", "../shared/testsuite")).resolve("core");
        assumeTrue(Files.isDirectory(core), "no spec suite at " + core);
        assumeTrue(wast2jsonAvailable(), "wast2json not on PATH");
        List<Path> wasts;
        try (Stream<Path> s = Files.list(core)) {
            wasts = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        for (Path wast : wasts) runFile(wast, out);
        System.out.printf("validator spec suite: %d files, %d valid modules ok, %d invalid rejected "
            + "(%d of them as malformed: no data count section), %d malformed rejected (%d of them only as invalid), "
            + "%d failures%n",
            wasts.size(), valid, invalid + invalidAsMalformed, invalidAsMalformed, malformed + malformedAsInvalid, malformedAsInvalid, failures.size());
        System.out.printf("%d invalid modules rejected with other wording than the suite's%n", otherReasons.size());
        otherReasons.forEach(r -> System.out.println("  " + r));
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n"
            + String.join("\n", failures.subList(0, Math.min(80, failures.size()))));
    }

    private void runFile(Path wast, Path out) throws IOException, InterruptedException {
        String base = wast.getFileName().toString().replace(".wast", "");
        Path dir = Files.createDirectories(out.resolve(base));
        Path json = dir.resolve(base + ".json");
        Process p = new ProcessBuilder("wast2json", wast.toString(), "-o", json.toString())
            .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            failures.add(base + ": wast2json failed: " + log);
            return;
        }
        for (String line : Files.readAllLines(json)) {
            Matcher type = TYPE.matcher(line);
            Matcher file = FILENAME.matcher(line);
            if (!type.find() || !file.find()) continue;
            Matcher mt = MODULE_TYPE.matcher(line);
            if (mt.find() && !mt.group(1).equals("binary")) continue;
            Matcher ln = LINE.matcher(line);
            String where = base + ".wast:" + (ln.find() ? ln.group(1) : "?");
            byte[] bytes = Files.readAllBytes(dir.resolve(file.group(1)));
            switch (type.group(1)) {
                case "assert_invalid" -> {
                    Matcher text = TEXT.matcher(line);
                    expectInvalid(bytes, where, text.find() ? text.group(1) : "");
                }
                case "assert_malformed" -> expectMalformed(bytes, where);
                default -> expectValid(bytes, where);
            }
        }
    }

    private void expectValid(byte[] bytes, String where) {
        try {
            Validator.validate(ModuleParser.parse(bytes));
            valid++;
        } catch (RuntimeException e) {
            failures.add(where + ": valid module rejected: " + e);
        }
    }

    private void expectInvalid(byte[] bytes, String where, String expectedReason) {
        try {
            Validator.validate(ModuleParser.parse(bytes));
            failures.add(where + ": invalid module accepted");
        } catch (InvalidModuleException e) {
            invalid++;
            if (!e.reason().startsWith(expectedReason)) {
                otherReasons.add(where + ": expected \"" + expectedReason + "\", got \"" + e.reason() + "\"");
            }
        } catch (MalformedModuleException e) {
            // wabt leaves out the data count section when a module has no data segments, which makes a
            // module using data.drop/memory.init malformed by the binary format's rules (spec 5.5.16)
            if (e.reason().equals("data count section required")) invalidAsMalformed++;
            else failures.add(where + ": expected invalid, got " + e);
        } catch (RuntimeException e) {
            failures.add(where + ": expected invalid, got " + e);
        }
    }

    private void expectMalformed(byte[] bytes, String where) {
        try {
            Validator.validate(ModuleParser.parse(bytes));
            failures.add(where + ": malformed module accepted");
        } catch (MalformedModuleException e) {
            malformed++;
        } catch (InvalidModuleException e) {
            malformedAsInvalid++;
        } catch (RuntimeException e) {
            failures.add(where + ": expected malformed, got " + e);
        }
    }

    private static boolean wast2jsonAvailable() {
        try {
            return new ProcessBuilder("wast2json", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
