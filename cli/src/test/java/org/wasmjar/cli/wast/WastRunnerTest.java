package org.wasmjar.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmjar.cli.wast.WastResult.Issue;
import org.wasmjar.compiler.wasm.binary.MalformedModuleException;
import org.wasmjar.compiler.wasm.validate.InvalidModuleException;
import org.wasmjar.runtime.api.LinkException;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;

/**
 * The runner's judging, against a scripted engine: each compile takes the next outcome from a queue, and
 * instances implement their exports in Java. Needs wast2json on the PATH, as the runner does.
 */
class WastRunnerTest {
    @TempDir Path dir;

    /** Instances whose exports are: add (i32 i32) -> i32, div (traps), npe (a compiler bug), pair, spin, g (global). */
    private static class Fake implements WastEngine.Instance {
        @Override public Object[] invoke(String export, Object[] args) {
            return switch (export) {
                case "add" -> new Object[] {(Integer) args[0] + (Integer) args[1]};
                case "div" -> throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
                case "elem" -> throw new Trap(TrapKind.UNINITIALIZED_ELEMENT, "index 2");
                case "npe" -> throw new NullPointerException("oops");
                case "pair" -> new Object[] {1L, Float.intBitsToFloat(0x7fc00000)};
                case "ext", "v" -> new Object[] {args[0]};
                case "spin" -> {
                    // Blocks until the test releases it, long after the runner has given up on the script.
                    awaitUninterruptibly(RELEASE_SPIN);
                    yield new Object[0];
                }
                default -> throw new IllegalStateException("no export " + export);
            };
        }

        @Override public Object global(String export) { return 42; }
    }

    private static final CountDownLatch RELEASE_SPIN = new CountDownLatch(1);

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // the runner interrupts an abandoned script; keep blocking until the test releases it
            }
        }
    }

    private final Deque<Supplier<WastEngine.Instance>> outcomes = new ArrayDeque<>();
    private final List<String> registered = new ArrayList<>();
    private final WastEngine engine = new WastEngine() {
        @Override public Module compile(byte[] wasm) {
            Supplier<Instance> next = outcomes.removeFirst();
            Instance compiled = next.get(); // compile errors are thrown here
            return () -> compiled instanceof Unlinkable ? (Instance) throwLink() : compiled;
        }

        @Override public void register(String name, Instance instance) { registered.add(name); }
    };

    private record Unlinkable() implements WastEngine.Instance {
        @Override public Object[] invoke(String export, Object[] args) { throw new AssertionError(); }
        @Override public Object global(String export) { throw new AssertionError(); }
    }

    private static Object throwLink() { throw new LinkException("unknown import: \"m\" \"f\""); }

    private WastResult run(String script, Duration timeout) throws IOException {
        Path wast = dir.resolve("t.wast");
        Files.writeString(wast, script);
        return new WastRunner(() -> engine, timeout).run(wast);
    }

    /** A module with the exports the scripts call; the fake engine implements them, the bodies do not matter. */
    private static final String MODULE = """
            (module
              (func (export "add") (param i32 i32) (result i32) (i32.const 0))
              (func (export "div") (result i32) (i32.const 0))
              (func (export "elem"))
              (func (export "npe"))
              (func (export "pair") (result i64 f32) (i64.const 0) (f32.const 0))
              (func (export "ext") (param externref) (result externref) (local.get 0))
              (func (export "v") (param v128) (result v128) (local.get 0))
              (func (export "spin")))
            """.replace("\n", " ") + "\n";

    @Test
    void judgesEveryCommandKind() throws IOException {
        outcomes.add(Fake::new);                                                            // line 1
        outcomes.add(() -> { throw new InvalidModuleException("type mismatch", 3); });      // assert_invalid passes
        outcomes.add(Fake::new);                                                            // assert_invalid: compiled
        outcomes.add(() -> { throw new MalformedModuleException("unexpected end", 8); });   // assert_malformed passes
        outcomes.add(Unlinkable::new);                                                      // assert_unlinkable passes
        outcomes.add(Fake::new);                                                            // named module $M
        outcomes.add(() -> { throw new MalformedModuleException("length out of bounds", 9); }); // $Bad
        String script = MODULE
                + "(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 3))\n"   // 2 pass
                + "(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 4))\n"   // 3 fail
                + "(assert_trap (invoke \"div\") \"integer divide by zero\")\n"                     // 4 pass
                + "(assert_trap (invoke \"div\") \"out of bounds memory access\")\n"                // 5 fail
                + "(assert_trap (invoke \"add\" (i32.const 1) (i32.const 2)) \"unreachable\")\n"   // 6 fail
                + "(assert_invalid (module (func (result i32))) \"type mismatch\")\n"               // 7 pass
                + "(assert_invalid (module (func (result i32))) \"type mismatch\")\n"               // 8 fail
                + "(assert_malformed (module binary \"\\00asm\") \"unexpected end\")\n"             // 9 pass
                + "(assert_malformed (module quote \"(func\") \"unexpected token\")\n"              // 10 skip
                + "(assert_unlinkable (module (import \"m\" \"f\" (func))) \"unknown import\")\n"  // 11 pass
                + "(assert_return (invoke \"npe\"))\n"                                               // 12 fail
                + "(assert_return (invoke \"pair\") (i64.const 1) (f32.const nan:canonical))\n"     // 13 pass
                + "(assert_return (invoke \"v\" (v128.const i32x4 1 2 3 4)) (v128.const i16x8 1 0 2 0 3 0 5 0))\n" // 14 fail
                + "(assert_trap (invoke \"elem\") \"uninitialized element 2\")\n"                   // 15 pass
                + "(assert_return (invoke \"ext\" (ref.extern 5)) (ref.extern 5))\n"                // 16 pass
                + "(module $M (global (export \"g\") i32 (i32.const 42)))\n"                         // 17 pass
                + "(register \"reg\" $M)\n"                                                          // 18 pass
                + "(assert_return (get $M \"g\") (i32.const 42))\n"                                  // 19 pass
                + "(module $Bad (global (export \"g\") i32 (i32.const 1)))\n"                      // 20 fail
                + "(assert_return (get $Bad \"g\") (i32.const 1))\n";                               // 21 fail
        WastResult r = run(script, null);

        assertEquals("t.wast", r.name().substring(r.name().indexOf('/') + 1));
        assertEquals(List.of(new Issue(10, "assert_malformed", WastRunner.TEXT_SKIP)), r.skips());
        assertEquals(List.of(3, 5, 6, 8, 12, 14, 20, 21), r.failures().stream().map(Issue::line).toList(), r.failures().toString());
        assertEquals("expected i32:4, got i32:3", r.failures().get(0).message());
        assertEquals("expected trap \"out of bounds memory access\", got trap \"integer divide by zero\"", r.failures().get(1).message());
        assertEquals("expected trap \"unreachable\", got no trap", r.failures().get(2).message());
        assertEquals("module compiled; expected invalid: type mismatch", r.failures().get(3).message());
        assertEquals("unexpected java.lang.NullPointerException: oops", r.failures().get(4).message());
        assertEquals("expected v128:i16x8 1 0 2 0 3 0 5 0, got v128:i16x8 1 0 2 0 3 0 4 0", r.failures().get(5).message());
        assertEquals("module", r.failures().get(6).command());
        assertEquals("unexpected MalformedModuleException: malformed: length out of bounds at offset 0x9", r.failures().get(6).message());
        assertEquals("no module $Bad: its module at line 20 failed", r.failures().get(7).message());
        assertEquals(12, r.passed());
        assertEquals(List.of("reg"), registered);
        assertTrue(outcomes.isEmpty());
        assertTrue(r.summary().endsWith("t.wast: 12 passed, 8 failed, 1 skipped"), r.summary());
    }

    @Test
    void v128ThroughTheRealEngine() throws IOException {
        Path wast = dir.resolve("simd.wast");
        Files.writeString(wast, """
                (module
                  (global (export "g") v128 (v128.const i32x4 1 2 3 4))
                  (func (export "add") (param v128 v128) (result v128) (i8x16.add (local.get 0) (local.get 1)))
                  (func (export "div") (param v128 v128) (result v128) (f32x4.div (local.get 0) (local.get 1))))
                (assert_return (get "g") (v128.const i32x4 1 2 3 4))
                (assert_return (invoke "add" (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 255)
                                             (v128.const i16x8 1 1 1 1 1 1 1 1))
                               (v128.const i8x16 2 2 4 4 6 6 8 8 10 10 12 12 14 14 16 255))
                (assert_return (invoke "div" (v128.const f32x4 0 1 -1 6) (v128.const f32x4 0 0 0 2))
                               (v128.const f32x4 nan:canonical inf -inf 3))
                (assert_return (get "g") (v128.const i64x2 1 2))
                """);
        WastResult r = new WastRunner().run(wast);
        assertEquals(4, r.passed(), r.failures().toString());
        assertEquals(List.of(11), r.failures().stream().map(Issue::line).toList());
        assertEquals("expected v128:i64x2 1 2, got v128:i64x2 8589934593 17179869187", r.failures().get(0).message());
    }

    @Test
    void commandsAfterAFailedModuleSayWhy() throws IOException {
        outcomes.add(() -> { throw new InvalidModuleException("type mismatch", 3); });
        WastResult r = run(MODULE + "(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 3))\n", null);
        assertEquals(0, r.passed());
        assertEquals("unexpected InvalidModuleException: invalid: type mismatch at offset 0x3", r.failures().get(0).message());
        assertEquals("no module: the module at line 1 failed", r.failures().get(1).message());
    }

    @Test
    void runsGuestsOnABigStack() throws IOException {
        long[] depth = {0};
        outcomes.add(() -> new Fake() {
            @Override public Object[] invoke(String export, Object[] args) {
                depth[0] = recurse(0);
                return new Object[] {0};
            }
        });
        WastResult r = run(MODULE + "(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 0))\n", null);
        assertEquals(2, r.passed(), r.failures().toString());
        assertEquals(1_000_000, depth[0]);
    }

    private static long recurse(long n) { return n == 1_000_000 ? n : recurse(n + 1); }

    @Test
    void timeoutAbandonsTheScript() throws IOException {
        outcomes.add(Fake::new);
        WastResult r = run(MODULE + "(assert_return (invoke \"spin\"))\n(assert_return (invoke \"spin\"))\n",
                Duration.ofMillis(500));
        assertEquals(1, r.passed());
        assertEquals(1, r.failed());
        assertEquals(2, r.failures().get(0).line());
        assertTrue(r.failures().get(0).message().startsWith("timed out"), r.failures().get(0).message());
        RELEASE_SPIN.countDown();
    }

    @Test
    void missingFileAndUnconvertibleScript() throws IOException {
        assertThrows(NoSuchFileException.class, () -> new WastRunner(() -> engine, null).run(dir.resolve("nope.wast")));
        WastException e = assertThrows(WastException.class, () -> run("(module", null));
        assertTrue(e.getMessage().startsWith("wast2json cannot convert"), e.getMessage());
    }

    @Test
    void displayNameIsDirectoryAndFile() {
        assertEquals("core/i32.wast", WastRunner.displayName(Path.of("/x/testsuite/core/i32.wast")));
    }
}
