package org.wasmjar.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.build.IrBuilder;
import org.wasmjar.compiler.ir.opt.Optimizer;
import org.wasmjar.compiler.wasm.binary.ModuleParser;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.compiler.wasm.validate.Validator;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;

/**
 * Runs the spec suite's {@code assert_return} and {@code assert_trap} invocations on the IR itself (through
 * {@link IrInterpreter}), once as built and once optimised, so wrong SSA values or a wrong fold show up as
 * wrong results. Invocations needing what the interpreter lacks (floats, memory, imports) are skipped.
 */
class SpecSuiteSemanticsTest {
    private static final Pattern FILE = Pattern.compile("\"filename\": \"([^\"]+)\"");
    private static final Pattern FIELD = Pattern.compile("\"field\": \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern VALUE = Pattern.compile("\\{\"type\": \"(\\w+)\", \"value\": \"([^\"]*)\"\\}");

    @Test
    void specAssertionsHoldOnBuiltAndOptimisedIr() throws Exception {
        int passed = 0, skipped = 0;
        List<String> failures = new ArrayList<>();
        for (SpecSuite.Script script : SpecSuite.scripts()) {
            ValidatedModule m = null;
            IrInterpreter plain = null, optimised = null;
            for (String line : script.commands()) {
                if (line.startsWith("{\"type\": \"module\"")) {
                    Matcher fm = FILE.matcher(line);
                    fm.find();
                    try {
                        m = Validator.validate(ModuleParser.parse(Files.readAllBytes(script.dir().resolve(fm.group(1)))));
                    } catch (RuntimeException e) {
                        m = null;
                        continue;
                    }
                    ValidatedModule vm = m;
                    plain = new IrInterpreter(m, i -> IrBuilder.build(vm, i));
                    optimised = new IrInterpreter(m, i -> {
                        IrFunction f = IrBuilder.build(vm, i);
                        Optimizer.optimize(f);
                        return f;
                    });
                    continue;
                }
                boolean isReturn = line.startsWith("{\"type\": \"assert_return\"");
                boolean isTrap = line.startsWith("{\"type\": \"assert_trap\"");
                if (!(isReturn || isTrap) || m == null || !line.contains("\"action\": {\"type\": \"invoke\", \"field\"")) continue;
                int exp = line.indexOf("\"expected\"");
                Matcher fm = FIELD.matcher(line);
                fm.find();
                Integer func = exportedFunction(m, unescape(fm.group(1)));
                List<String[]> args = values(line.substring(0, exp < 0 ? line.length() : exp));
                List<String[]> expected = exp < 0 ? List.of() : values(line.substring(exp));
                boolean opaque = line.contains("\"type\": \"v128\"") || line.contains("ref\"");
                if (func == null || opaque || !numeric(args) || !numeric(expected)) { skipped++; continue; }
                long[] a = new long[args.size()];
                for (int i = 0; i < a.length; i++) a[i] = Long.parseUnsignedLong(args.get(i)[1]);
                for (IrInterpreter interp : new IrInterpreter[] {plain, optimised}) {
                    String mode = interp == plain ? "built" : "optimised";
                    String where = script.name() + " " + line.substring(0, Math.min(line.length(), 160)) + " [" + mode + "]";
                    try {
                        long[] r = interp.call(func, a);
                        if (isTrap) { failures.add(where + ": no trap"); continue; }
                        String diff = compare(expected, r);
                        if (diff == null) passed++;
                        else failures.add(where + ": " + diff);
                    } catch (IrInterpreter.Unsupported e) {
                        skipped++;
                    } catch (IrInterpreter.WasmTrap e) {
                        if (isTrap) passed++;
                        else failures.add(where + ": trapped " + e.getMessage());
                    } catch (StackOverflowError e) {
                        skipped++;
                    }
                }
            }
        }
        System.out.printf("IR semantics on spec assertions: %d passed, %d skipped, %d failed%n", passed, skipped, failures.size());
        failures.stream().limit(30).forEach(x -> System.out.println("  FAIL " + x));
        assertTrue(passed > 1000, "too few assertions exercised: " + passed);
        assertEquals(List.of(), failures);
    }

    private static Integer exportedFunction(ValidatedModule m, String name) {
        for (Export e : m.module().exports()) if (e.kind() == ExternKind.FUNC && e.name().equals(name)) return e.index();
        return null;
    }

    private static List<String[]> values(String s) {
        List<String[]> out = new ArrayList<>();
        Matcher vm = VALUE.matcher(s);
        while (vm.find()) out.add(new String[] {vm.group(1), vm.group(2)});
        return out;
    }

    private static boolean numeric(List<String[]> values) {
        for (String[] v : values) {
            if (!(v[0].equals("i32") || v[0].equals("i64") || v[0].equals("f32") || v[0].equals("f64"))) return false;
            if (v[1].startsWith("nan")) return false;
        }
        return true;
    }

    private static String compare(List<String[]> expected, long[] actual) {
        if (expected.size() != actual.length) return "expected " + expected.size() + " results, got " + actual.length;
        for (int i = 0; i < actual.length; i++) {
            long want = Long.parseUnsignedLong(expected.get(i)[1]);
            boolean narrow = expected.get(i)[0].equals("i32") || expected.get(i)[0].equals("f32");
            boolean ok = narrow ? (int) want == (int) actual[i] : want == actual[i];
            if (!ok) return "result " + i + ": expected " + expected.get(i)[1] + ", got " + (narrow ? Integer.toUnsignedString((int) actual[i]) : Long.toUnsignedString(actual[i]));
        }
        return null;
    }

    private static String unescape(String s) {
        return s.indexOf('\\') < 0 ? s : s.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
