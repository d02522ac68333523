package org.wasmjar.tests.fuzz;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.wasmjar.compiler.wasm.binary.MalformedModuleException;
import org.wasmjar.compiler.wasm.validate.InvalidModuleException;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.abi.TypeIds;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.LinkException;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * What a module does on wasmjar, as lines that {@code reference.mjs} prints the same way for node: whether it compiles
 * and instantiates, each call's results or trap kind, the values it logs through binaryen's {@code fuzzing-support}
 * imports, and the exported memory's hash. Every exported function is called once, in export order, after a reset
 * of binaryen's hang limit, with seeded arguments; the calls go into a plan for node to make the same ones.
 */
final class WasmjarTranscript {
    private static final String HANG_RESET = "hangLimitInitializer";
    private static final String V128_TO_JS = "log-v128 cannot pass a v128 to JavaScript";
    private static final long COMPILE_BUDGET_MS = 60_000;
    private static final long CALL_BUDGET_MS = 10_000;

    private static final int[] I32S = {0, 1, -1, 42, 0x7FFFFFFF, 0x80000000, 0xFF, 65536, -1000};
    private static final long[] I64S = {0, 1, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE, 0x100000000L, -7};
    private static final float[] F32S = {0f, -0f, 1.5f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            1e30f, Float.MIN_VALUE, Float.MAX_VALUE, 2147483648f};
    private static final double[] F64S = {0d, -0d, 1.5d, -1d, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 1e300, Double.MIN_VALUE, 9.2233720368547758E18, -2147483649d};

    private WasmjarTranscript() {}

    /**
     * Compiles {@code bytes} (named {@code path} in the transcript) with {@code compiler} and runs it with arguments from
     * {@code argumentSeed}; appends the module and its calls to {@code plan}.
     */
    static List<String> of(Function<byte[], CompiledModule> compiler, byte[] bytes, String path, long argumentSeed,
                           StringBuilder plan) {
        String moduleLine = "module " + path;
        plan.append(moduleLine).append('\n');
        List<String> transcript = new ArrayList<>();
        transcript.add(moduleLine);
        List<String> calls = new ArrayList<>();
        Bounded.Result<Void> r = Bounded.run(bounds -> {
            CompiledModule cm;
            try {
                cm = compiler.apply(bytes);
            } catch (MalformedModuleException | InvalidModuleException e) {
                transcript.add("compile error");
                return null;
            }
            calls.addAll(planCalls(cm, new Random(argumentSeed)));
            Linker linker = new Linker();
            defineLogging(linker, transcript);
            Instance inst;
            try {
                inst = linker.instantiate(cm);
                transcript.add("instantiated");
            } catch (LinkException e) {
                transcript.add("unlinkable");
                return null;
            } catch (Trap t) {
                transcript.add("instantiate trap " + kind(t));
                return null;
            }
            for (String call : calls) {
                bounds.phase(call, CALL_BUDGET_MS);
                String[] words = call.split(" ");
                if (words[0].equals("reset")) {
                    try {
                        Invoker.invoke(inst, words[1]);
                    } catch (Trap t) {
                        transcript.add("reset trap " + kind(t));
                    }
                    continue;
                }
                FuncType type = cm.info().functionType(exportNamed(cm, words[1]).index());
                try {
                    Object[] results = Invoker.invoke(inst, words[1], arguments(words));
                    StringBuilder line = new StringBuilder("call " + words[1] + " ->");
                    for (int k = 0; k < results.length; k++) line.append(' ').append(value(type.results().get(k), results[k]));
                    transcript.add(line.toString());
                } catch (Trap t) {
                    transcript.add("call " + words[1] + " trap " + kind(t));
                }
            }
            memoryHashes(cm, inst, transcript);
            return null;
        }, 64L << 20, COMPILE_BUDGET_MS);
        for (String call : calls) plan.append(call).append('\n');
        plan.append("end\n");
        if (r.timedOutIn() != null) transcript.add("timed out in " + r.timedOutIn());
        else if (r.failure() != null) transcript.add("failed: " + Outcomes.describe(r.failure()).replace('\n', ' '));
        return transcript;
    }

    /** Every exported function without v128 once, in export order, each after a hang-limit reset, with seeded arguments. */
    private static List<String> planCalls(CompiledModule cm, Random rng) {
        boolean hasReset = exportNamed(cm, HANG_RESET) != null;
        List<String> calls = new ArrayList<>();
        for (Export e : cm.info().exports()) {
            if (e.kind() != ExternKind.FUNC || e.name().equals(HANG_RESET)) continue;
            FuncType type = cm.info().functionType(e.index());
            // JavaScript cannot pass or receive v128
            if (type.params().contains(ValType.V128) || type.results().contains(ValType.V128)) continue;
            if (hasReset) calls.add("reset " + HANG_RESET);
            StringBuilder call = new StringBuilder("call " + e.name());
            for (ValType t : type.params()) call.append(' ').append(t).append(':').append(argument(t, rng));
            call.append(" =>");
            for (ValType t : type.results()) call.append(' ').append(t);
            calls.add(call.toString());
        }
        return calls;
    }

    private static Export exportNamed(CompiledModule cm, String name) {
        return cm.info().exports().stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    private static String argument(ValType t, Random rng) {
        return switch (t) {
            case I32 -> Integer.toString(rng.nextInt(3) == 0 ? rng.nextInt() : I32S[rng.nextInt(I32S.length)]);
            case I64 -> Long.toString(rng.nextInt(3) == 0 ? rng.nextLong() : I64S[rng.nextInt(I64S.length)]);
            case F32 -> Integer.toHexString(Float.floatToRawIntBits(rng.nextInt(3) == 0
                    ? (float) rng.nextGaussian() * 1000 : F32S[rng.nextInt(F32S.length)]));
            case F64 -> Long.toHexString(Double.doubleToRawLongBits(rng.nextInt(3) == 0
                    ? rng.nextGaussian() * 1e6 : F64S[rng.nextInt(F64S.length)]));
            case FUNCREF, EXTERNREF, V128 -> "null";
        };
    }

    /** The boxed arguments of a planned call ({@code call <export> <type>:<value>... => ...}). */
    private static Object[] arguments(String[] words) {
        List<Object> args = new ArrayList<>();
        for (int i = 2; i < words.length && !words[i].equals("=>"); i++) {
            String[] tv = words[i].split(":", 2);
            args.add(switch (tv[0]) {
                case "i32" -> Integer.parseInt(tv[1]);
                case "i64" -> Long.parseLong(tv[1]);
                case "f32" -> Float.intBitsToFloat(Integer.parseUnsignedInt(tv[1], 16));
                case "f64" -> Double.longBitsToDouble(Long.parseUnsignedLong(tv[1], 16));
                default -> null;
            });
        }
        return args.toArray();
    }

    /** Same format as reference.mjs: integers in decimal, floats by bits (NaN as nan), references as null or ref. */
    private static String value(ValType type, Object v) {
        return switch (type) {
            case I32, I64 -> v.toString();
            case F32 -> "f32:" + (Float.isNaN((Float) v) ? "nan" : Integer.toHexString(Float.floatToRawIntBits((Float) v)));
            case F64 -> "f64:" + (Double.isNaN((Double) v) ? "nan" : Long.toHexString(Double.doubleToRawLongBits((Double) v)));
            case FUNCREF, EXTERNREF, V128 -> v == null ? "null" : "ref";
        };
    }

    /** V8 reports some trap kinds with one message, so they compare as one kind (as in reference.mjs). */
    private static String kind(Trap t) {
        return switch (t.kind()) {
            case UNREACHABLE -> "unreachable";
            case OUT_OF_BOUNDS_MEMORY -> "memory";
            case INTEGER_DIVIDE_BY_ZERO -> "div0";
            case INTEGER_OVERFLOW, INVALID_CONVERSION -> "overflow";
            case UNDEFINED_ELEMENT, OUT_OF_BOUNDS_TABLE -> "table";
            case UNINITIALIZED_ELEMENT, INDIRECT_CALL_TYPE_MISMATCH -> "indirect";
            case CALL_STACK_EXHAUSTED -> "stack";
            case HOST -> t.getMessage().endsWith(V128_TO_JS) ? "v128 to JS" : "other(" + t.getMessage() + ")";
            case NULL_REFERENCE -> "other(" + t.getMessage() + ")";
        };
    }

    /** binaryen's logging imports, each appending {@code log <value>} to the transcript; log-v128 traps as V8 does. */
    private static void defineLogging(Linker linker, List<String> transcript) throws ReflectiveOperationException {
        for (ValType t : List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64)) {
            FuncType type = new FuncType(List.of(t), List.of());
            MethodHandle log = MethodHandles.lookup().findStatic(WasmjarTranscript.class, "log",
                    MethodType.methodType(void.class, List.class, ValType.class, Object.class));
            MethodHandle bound = MethodHandles.insertArguments(log, 0, transcript, t)
                    .asType(Abi.methodType(type));
            linker.define("fuzzing-support", "log-" + t, new WasmFunction(type, TypeIds.of(type), bound, "log-" + t));
        }
        FuncType v128 = new FuncType(List.of(ValType.V128), List.of());
        MethodHandle refuse = MethodHandles.lookup().findStatic(WasmjarTranscript.class, "logV128",
                MethodType.methodType(void.class, long.class, long.class));
        linker.define("fuzzing-support", "log-v128", new WasmFunction(v128, TypeIds.of(v128), refuse, "log-v128"));
    }

    /** As in V8, where a JavaScript import cannot take a v128: the call ends there. */
    @SuppressWarnings("unused") // called through a method handle
    private static void logV128(long lo, long hi) {
        throw new Trap(TrapKind.HOST, V128_TO_JS);
    }

    @SuppressWarnings("unused") // called through a method handle
    private static void log(List<String> transcript, ValType type, Object value) {
        transcript.add("log " + value(type, value));
    }

    private static void memoryHashes(CompiledModule cm, Instance inst, List<String> transcript) {
        for (Export e : cm.info().exports()) {
            if (e.kind() != ExternKind.MEMORY) continue;
            byte[] bytes = inst.memory.bytes;
            int h = 0x811c9dc5;
            for (byte b : bytes) h = (h ^ (b & 0xFF)) * 0x01000193;
            transcript.add("memory " + e.name() + " " + (bytes.length / Memory.PAGE_SIZE) + " pages, hash " + Integer.toHexString(h));
        }
    }
}
