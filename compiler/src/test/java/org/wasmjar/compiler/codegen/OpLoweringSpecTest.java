package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.types.ValType;

/**
 * Every assertion of the spec suite's i32, i64, f32, f64, f32/f64 cmp and bitwise, conversions and float_misc
 * files on a function that is one numeric operator (OpSpecCases.txt, made by OpSpecCases.py), run through
 * code {@link OpLowering} emits: one dynamic test per operator.
 */
class OpLoweringSpecTest {
    private record Case(List<ValType> params, List<String> args, ValType result, String expected, int line) {}

    @TestFactory
    Stream<DynamicTest> specAssertions() throws Exception {
        Map<String, List<Case>> byOp = new LinkedHashMap<>();
        try (var in = new BufferedReader(new InputStreamReader(
                OpLoweringSpecTest.class.getResourceAsStream("OpSpecCases.txt"), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.startsWith("#")) continue;
                String[] sides = line.split(" -> ", 2);
                String[] lhs = sides[0].split(" ");
                List<ValType> params = new ArrayList<>();
                List<String> args = new ArrayList<>();
                for (int i = 1; i < lhs.length; i++) {
                    String[] tv = lhs[i].split(":", 2);
                    params.add(valType(tv[0]));
                    args.add(tv[1]);
                }
                String[] rhs = sides[1].split(" ", 2);
                byOp.computeIfAbsent(lhs[0], k -> new ArrayList<>())
                        .add(new Case(params, args, valType(rhs[0]), rhs[1], n));
            }
        }
        assertTrue(byOp.size() > 130, "expected the spec cases of every numeric operator");
        Map<String, Integer> opcodes = opcodesByName();
        OpLowering lowering = new OpLowering(OpHarness.module(List.of()));
        Instance inst = new Instance(OpHarness.emptyInfo());
        return byOp.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Case first = e.getValue().get(0);
            var op = OpHarness.compile(lowering, OpHarness.inst(opcodes.get(e.getKey()), 0, 0, 0),
                    first.params(), first.result());
            List<String> failures = new ArrayList<>();
            for (Case c : e.getValue()) {
                Object[] args = new Object[c.args().size()];
                for (int i = 0; i < args.length; i++) args[i] = parse(c.params().get(i), c.args().get(i));
                String got;
                try {
                    got = check(c, op.call(inst, null, args));
                } catch (Trap t) {
                    got = c.expected().equals("trap " + t.kind().message) ? null : "trap " + t.kind().message;
                } catch (Throwable t) {
                    got = t.toString();
                }
                if (got != null) failures.add("line " + c.line() + " " + c.args() + ": expected " + c.expected() + ", got " + got);
            }
            assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
        }));
    }

    /** Null when {@code value} matches the expectation, else a description of it. */
    private static String check(Case c, Object value) {
        long bits = value instanceof Integer i ? Integer.toUnsignedLong(i) : (Long) value;
        String shown = Long.toUnsignedString(bits);
        return switch (c.expected()) {
            case "nan:canonical" -> c.result() == ValType.F32
                    ? ((bits & 0x7FFFFFFFL) == 0x7FC00000L ? null : hex(bits))
                    : ((bits & Long.MAX_VALUE) == 0x7FF8000000000000L ? null : hex(bits));
            case "nan:arithmetic" -> c.result() == ValType.F32
                    ? ((bits & 0x7FC00000L) == 0x7FC00000L ? null : hex(bits))
                    : ((bits & 0x7FF8000000000000L) == 0x7FF8000000000000L ? null : hex(bits));
            default -> shown.equals(c.expected()) ? null : shown;
        };
    }

    private static String hex(long bits) { return "0x" + Long.toHexString(bits); }

    private static Object parse(ValType t, String v) {
        return t == ValType.I32 || t == ValType.F32 ? (Object) Integer.parseUnsignedInt(v) : (Object) Long.parseUnsignedLong(v);
    }

    private static ValType valType(String name) {
        for (ValType t : ValType.values()) if (t.text.equals(name)) return t;
        throw new IllegalArgumentException(name);
    }

    private static Map<String, Integer> opcodesByName() {
        Map<String, Integer> m = new HashMap<>();
        for (int op = 0; op <= 0xFC20; op++) if (Opcodes.isKnown(op)) m.put(Opcodes.name(op), op);
        return m;
    }
}
