package org.wasmjar.cli.wast;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.wasmjar.cli.wast.WastResult.Issue;
import org.wasmjar.compiler.wasm.binary.MalformedModuleException;
import org.wasmjar.compiler.wasm.validate.InvalidModuleException;
import org.wasmjar.runtime.api.LinkException;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.WasmjarException;

/**
 * Runs one {@code .wast} spec script: converts it with wabt's {@code wast2json}, then executes every command
 * against a fresh {@link WastEngine}. Commands run on one thread with a {@value #GUEST_STACK_MB} MB stack, so
 * deep recursion in the scripts works and runaway recursion ends as "call stack exhausted". A command that
 * throws something unexpected (a compiler bug, a VerifyError) is a failure of that command, never of the run.
 */
public final class WastRunner {
    public static final int GUEST_STACK_MB = 512;
    static final String TEXT_SKIP = "text format: wasmjar has no text parser";

    private final Supplier<WastEngine> engines;
    private final Duration timeout;

    /** Runs against wasmjar itself, without a time limit. */
    public WastRunner() { this(WasmjarEngine::new, null); }

    /**
     * @param engines gives a fresh engine per script
     * @param timeout the longest a script may run; when it is over, the script's thread is abandoned and the
     *                rest of the script counts as one failure. Null for no limit.
     */
    public WastRunner(Supplier<WastEngine> engines, Duration timeout) {
        this.engines = engines;
        this.timeout = timeout;
    }

    /** {@code core/i32.wast} for {@code .../testsuite/core/i32.wast}: the file and its directory. */
    public static String displayName(Path wast) {
        Path parent = wast.toAbsolutePath().getParent();
        String file = wast.getFileName().toString();
        return parent == null || parent.getFileName() == null ? file : parent.getFileName() + "/" + file;
    }

    public WastResult run(Path wast) throws IOException {
        if (!Files.isRegularFile(wast)) throw new NoSuchFileException(wast.toString());
        Path dir = Files.createTempDirectory("wasmjar-wast-");
        try {
            Path json = convert(wast, dir);
            Object script;
            try {
                script = JsonReader.parse(Files.readString(json, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new WastException("cannot read wast2json output for " + wast + ": " + e.getMessage());
            }
            return execute(displayName(wast), script, dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static Path convert(Path wast, Path dir) throws IOException {
        String base = wast.getFileName().toString().replaceFirst("\\.wast$", "");
        Path json = dir.resolve(base + ".json");
        Process p;
        try {
            p = new ProcessBuilder("wast2json", wast.toString(), "-o", json.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new WastException("wast2json not found: install wabt");
        }
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new WastException("interrupted while converting " + wast);
        }
        if (exit != 0) {
            String first = output.isEmpty() ? "exit code " + exit : output.lines().findFirst().orElse("");
            throw new WastException("wast2json cannot convert " + wast + ": " + first);
        }
        return json;
    }

    private WastResult execute(String name, Object script, Path dir) {
        if (!(script instanceof Map<?, ?> top) || !(top.get("commands") instanceof List<?> commands)) {
            throw new WastException("wast2json output for " + name + " has no command list");
        }
        Script run = new Script(engines.get(), dir);
        Thread thread = new Thread(null, () -> run.all(commands), "wast " + name, (long) GUEST_STACK_MB << 20);
        thread.setDaemon(true); // an abandoned runaway script must not keep the JVM alive
        thread.start();
        try {
            if (timeout == null) thread.join();
            else thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.abandon("interrupted");
            return run.result(name);
        }
        if (thread.isAlive()) {
            thread.interrupt();
            run.abandon("timed out after " + timeout.toSeconds() + " s; the rest of the script did not run");
        }
        return run.result(name);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** A command did not do what the script expects; the message says what happened instead. */
    private static final class CommandFailed extends RuntimeException {
        CommandFailed(String message) { super(message, null, false, false); }
    }

    /** The state of one script's execution. Issues are guarded by {@code this}: a timed-out run is read while it still runs. */
    private static final class Script {
        private final WastEngine engine;
        private final Path dir;
        private final Map<String, WastEngine.Instance> named = new HashMap<>();
        private final Map<String, Integer> failedNamed = new HashMap<>();
        private WastEngine.Instance current;
        private int currentFailedAt = -1;
        private int passed;
        private final List<Issue> failures = new ArrayList<>();
        private final List<Issue> skips = new ArrayList<>();
        private volatile int line;
        private volatile String command = "script";
        private boolean abandoned;

        Script(WastEngine engine, Path dir) {
            this.engine = engine;
            this.dir = dir;
        }

        void all(List<?> commands) {
            for (Object c : commands) {
                synchronized (this) {
                    if (abandoned) return;
                }
                run(asMap(c));
            }
        }

        synchronized void abandon(String why) {
            abandoned = true;
            failures.add(new Issue(line, command, why));
        }

        synchronized WastResult result(String name) {
            return new WastResult(name, passed, failures, skips);
        }

        private synchronized void record(Issue failure, Issue skip) {
            if (abandoned) return;
            if (failure != null) failures.add(failure);
            else if (skip != null) skips.add(skip);
            else passed++;
        }

        private void run(Map<String, Object> c) {
            String type = string(c, "type");
            line = c.get("line") instanceof Long l ? l.intValue() : 0;
            command = type;
            if ("text".equals(c.get("module_type"))) {
                record(null, new Issue(line, type, TEXT_SKIP));
                return;
            }
            String failure;
            try {
                execute(type, c);
                failure = null;
            } catch (CommandFailed | WastValues.UnsupportedValueException e) {
                failure = e.getMessage();
            } catch (Throwable t) {
                failure = "unexpected " + describe(t);
            }
            record(failure == null ? null : new Issue(line, type, failure), null);
        }

        private void execute(String type, Map<String, Object> c) {
            switch (type) {
                case "module" -> module(c);
                case "register" -> register(c);
                case "action" -> action(asMap(c.get("action")));
                case "assert_return" -> assertReturn(c);
                case "assert_trap", "assert_exhaustion" -> {
                    if (c.containsKey("action")) expectTrap(string(c, "text"), () -> action(asMap(c.get("action"))));
                    else expectTrap(string(c, "text"), () -> compile(c).instantiate());
                }
                case "assert_invalid" -> expectCompileError(c, InvalidModuleException.class, "invalid");
                case "assert_malformed" -> expectCompileError(c, MalformedModuleException.class, "malformed");
                case "assert_unlinkable" -> {
                    WastEngine.Module m = compile(c);
                    try {
                        m.instantiate();
                    } catch (LinkException e) {
                        return;
                    }
                    throw new CommandFailed("module linked; expected unlinkable: " + string(c, "text"));
                }
                case "assert_uninstantiable" -> {
                    WastEngine.Module m = compile(c);
                    expectTrap(string(c, "text"), m::instantiate);
                }
                default -> throw new CommandFailed("unknown command kind");
            }
        }

        private void module(Map<String, Object> c) {
            String name = (String) c.get("name");
            current = null;
            currentFailedAt = line;
            if (name != null) {
                named.remove(name);
                failedNamed.put(name, line);
            }
            WastEngine.Instance instance = compile(c).instantiate();
            current = instance;
            currentFailedAt = -1;
            if (name != null) {
                named.put(name, instance);
                failedNamed.remove(name);
            }
        }

        private void register(Map<String, Object> c) {
            engine.register(string(c, "as"), instance((String) c.get("name")));
        }

        private WastEngine.Module compile(Map<String, Object> c) {
            byte[] wasm;
            try {
                wasm = Files.readAllBytes(dir.resolve(string(c, "filename")));
            } catch (IOException e) {
                throw new CommandFailed("cannot read " + c.get("filename") + ": " + e.getMessage());
            }
            return engine.compile(wasm);
        }

        private WastEngine.Instance instance(String name) {
            if (name == null) {
                if (current != null) return current;
                throw new CommandFailed(currentFailedAt >= 0
                        ? "no module: the module at line " + currentFailedAt + " failed"
                        : "no module defined yet");
            }
            WastEngine.Instance instance = named.get(name);
            if (instance != null) return instance;
            Integer failedAt = failedNamed.get(name);
            throw new CommandFailed(failedAt != null
                    ? "no module " + name + ": its module at line " + failedAt + " failed"
                    : "unknown module " + name);
        }

        private Object[] action(Map<String, Object> a) {
            WastEngine.Instance instance = instance((String) a.get("module"));
            String field = string(a, "field");
            return switch (string(a, "type")) {
                case "invoke" -> {
                    List<?> args = a.get("args") instanceof List<?> l ? l : List.of();
                    Object[] values = new Object[args.size()];
                    for (int i = 0; i < values.length; i++) values[i] = WastValues.argument(asMap(args.get(i)));
                    yield instance.invoke(field, values);
                }
                case "get" -> new Object[] {instance.global(field)};
                default -> throw new CommandFailed("unknown action " + a.get("type"));
            };
        }

        private void assertReturn(Map<String, Object> c) {
            List<?> expected = c.get("expected") instanceof List<?> l ? l : List.of();
            Object[] actual;
            try {
                actual = action(asMap(c.get("action")));
            } catch (Trap t) {
                throw new CommandFailed("expected " + describeAll(expected) + ", got trap: " + t.getMessage());
            }
            if (actual == null) actual = new Object[0];
            boolean ok = actual.length == expected.size();
            for (int i = 0; ok && i < actual.length; i++) ok = WastValues.matches(asMap(expected.get(i)), actual[i]);
            if (!ok) {
                StringBuilder got = new StringBuilder();
                for (int i = 0; i < actual.length; i++) {
                    Object lanes = i < expected.size() ? asMap(expected.get(i)).get("lane_type") : null;
                    got.append(i == 0 ? "" : " ").append(WastValues.describe(actual[i], lanes instanceof String s ? s : null));
                }
                throw new CommandFailed("expected " + describeAll(expected) + ", got "
                        + (actual.length == 0 ? "no results" : got));
            }
        }

        private static String describeAll(List<?> expected) {
            if (expected.isEmpty()) return "no results";
            StringBuilder sb = new StringBuilder();
            for (Object e : expected) sb.append(sb.length() == 0 ? "" : " ").append(WastValues.describeExpected(asMap(e)));
            return sb.toString();
        }

        private void expectTrap(String text, Runnable action) {
            try {
                action.run();
            } catch (Trap t) {
                String message = String.valueOf(t.getMessage());
                // A more specific expectation ("uninitialized element 2") is met by a trap of the same kind.
                if (message.contains(text) || text.startsWith(t.kind().message)) return;
                throw new CommandFailed("expected trap \"" + text + "\", got trap \"" + message + "\"");
            }
            throw new CommandFailed("expected trap \"" + text + "\", got no trap");
        }

        private void expectCompileError(Map<String, Object> c, Class<? extends WasmjarException> kind, String what) {
            try {
                compile(c);
            } catch (WasmjarException e) {
                if (kind.isInstance(e)) return;
                throw new CommandFailed("expected " + what + " (" + c.get("text") + "), got " + describe(e));
            }
            throw new CommandFailed("module compiled; expected " + what + ": " + c.get("text"));
        }

        private static String describe(Throwable t) {
            String type = t instanceof WasmjarException ? t.getClass().getSimpleName() : t.getClass().getName();
            return t.getMessage() == null ? type : type + ": " + t.getMessage();
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> asMap(Object o) {
            if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
            throw new CommandFailed("malformed script: expected an object, found " + o);
        }

        private static String string(Map<String, Object> c, String key) {
            if (c.get(key) instanceof String s) return s;
            throw new CommandFailed("malformed script: no \"" + key + "\"");
        }
    }
}
