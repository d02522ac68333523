package org.wasmjar.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a separate JVM, as a user would: the wasmjar command line on the test class path, or any java command. */
final class JavaProcess {
    record Result(int exit, String out, String err) {
        @Override public String toString() { return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err; }
    }

    private JavaProcess() {}

    /** {@code wasmjar args...}, started in {@code dir}. */
    static Result wasmjar(Path dir, String... args) throws IOException, InterruptedException {
        return java(dir, wasmjarCommand(args));
    }

    /** Several {@code wasmjar} commands at once (they are independent, and a JVM's start is mostly waiting). */
    static List<Result> wasmjarAll(Path dir, List<String[]> commands) throws IOException, InterruptedException {
        List<Started> started = new ArrayList<>();
        for (String[] args : commands) started.add(start(dir, wasmjarCommand(args)));
        List<Result> results = new ArrayList<>();
        for (Started s : started) results.add(s.finish());
        return results;
    }

    /** {@code java javaArgs...}, started in {@code dir}, stdout and stderr captured apart. */
    static Result java(Path dir, List<String> javaArgs) throws IOException, InterruptedException {
        return start(dir, javaArgs).finish();
    }

    private static List<String> wasmjarCommand(String... args) {
        List<String> command = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), "org.wasmjar.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    private record Started(Process process, List<String> command, Path out, Path err) {
        Result finish() throws IOException, InterruptedException {
            try {
                assertTrue(process.waitFor(120, TimeUnit.SECONDS), "did not finish: " + command);
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }

    private static Started start(Path dir, List<String> javaArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        Path out = Files.createTempFile(dir, "stdout", ".txt"), err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Started(p, command, out, err);
    }

    /** The checkout's root: the directory holding {@code examples/}, found upwards from the working directory. */
    static Path checkout() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/hello/hello.wasm"))) return p;
        }
        throw new IllegalStateException("no examples/hello/hello.wasm above " + Path.of("").toAbsolutePath());
    }

    /** A file of {@code src/test/resources/e2e}. */
    static Path e2e(String name) {
        return checkout().resolve("src/test/resources/e2e").resolve(name);
    }
}
