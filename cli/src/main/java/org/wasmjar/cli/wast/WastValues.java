package org.wasmjar.cli.wast;

import java.util.Map;
import org.wasmjar.runtime.instance.WasmFunction;

/**
 * Script values as {@code wast2json} writes them ({@code {"type": "i32", "value": "4294967295"}}): integers as
 * unsigned decimal, floats as their bit pattern in unsigned decimal, references as {@code "null"} or a number.
 * Arguments become the boxed values the runtime's invoker takes; expected results are checked bit for bit.
 */
public final class WastValues {
    private WastValues() {}

    /** A script value has a type the runner cannot handle (v128 for now). */
    public static final class UnsupportedValueException extends RuntimeException {
        UnsupportedValueException(String message) { super(message); }
    }

    /** The boxed argument for a script value: Integer, Long, Float, Double, null or an {@link ExternRef}. */
    public static Object argument(Map<String, Object> v) {
        String type = type(v);
        String value = (String) v.get("value");
        return switch (type) {
            case "i32" -> Integer.parseUnsignedInt(value);
            case "i64" -> Long.parseUnsignedLong(value);
            case "f32" -> Float.intBitsToFloat(Integer.parseUnsignedInt(value));
            case "f64" -> Double.longBitsToDouble(Long.parseUnsignedLong(value));
            case "externref" -> "null".equals(value) ? null : new ExternRef(Long.parseLong(value));
            case "funcref" -> {
                if ("null".equals(value)) yield null;
                throw new UnsupportedValueException("funcref argument other than null");
            }
            default -> throw new UnsupportedValueException("unknown value type " + type);
        };
    }

    /** Whether {@code actual} (a boxed result) is what the script's expected value {@code v} asks for. */
    public static boolean matches(Map<String, Object> v, Object actual) {
        String type = type(v);
        String value = (String) v.get("value");
        return switch (type) {
            case "i32" -> actual instanceof Integer i && i == Integer.parseUnsignedInt(value);
            case "i64" -> actual instanceof Long l && l == Long.parseUnsignedLong(value);
            case "f32" -> actual instanceof Float f && matchesF32(value, Float.floatToRawIntBits(f));
            case "f64" -> actual instanceof Double d && matchesF64(value, Double.doubleToRawLongBits(d));
            case "externref" -> "null".equals(value)
                    ? actual == null
                    : new ExternRef(Long.parseLong(value)).equals(actual);
            // The script can only say whether a funcref is null; any function is a match otherwise.
            case "funcref" -> "null".equals(value) ? actual == null : actual instanceof WasmFunction;
            default -> throw new UnsupportedValueException("unknown value type " + type);
        };
    }

    /** The value's type; v128 values (lane lists) are rejected here, before their value is read. */
    private static String type(Map<String, Object> v) {
        String type = String.valueOf(v.get("type"));
        if (type.equals("v128")) throw new UnsupportedValueException("v128 not supported");
        return type;
    }

    private static boolean matchesF32(String expected, int bits) {
        return switch (expected) {
            case "nan:canonical" -> (bits & 0x7fffffff) == 0x7fc00000;
            case "nan:arithmetic" -> (bits & 0x7fc00000) == 0x7fc00000;
            default -> bits == Integer.parseUnsignedInt(expected);
        };
    }

    private static boolean matchesF64(String expected, long bits) {
        return switch (expected) {
            case "nan:canonical" -> (bits & 0x7fffffffffffffffL) == 0x7ff8000000000000L;
            case "nan:arithmetic" -> (bits & 0x7ff8000000000000L) == 0x7ff8000000000000L;
            default -> bits == Long.parseUnsignedLong(expected);
        };
    }

    /** An expected value for messages, in the same notation as {@link #describe(Object)}. */
    public static String describeExpected(Map<String, Object> v) {
        String type = String.valueOf(v.get("type"));
        if (!(v.get("value") instanceof String value)) return type;
        if (value.startsWith("nan:")) return type + ":" + value;
        return switch (type) {
            case "i32", "i64", "f32", "f64" -> describe(argument(v));
            case "externref" -> "null".equals(value) ? "ref.null" : new ExternRef(Long.parseLong(value)).toString();
            case "funcref" -> "null".equals(value) ? "ref.null" : "funcref";
            default -> type + ":" + value;
        };
    }

    /** A result value for messages: {@code i32:-1}, {@code f32:1.5 (0x3fc00000)}, {@code ref.null}, ... */
    public static String describe(Object actual) {
        if (actual == null) return "ref.null";
        if (actual instanceof Integer i) return "i32:" + i;
        if (actual instanceof Long l) return "i64:" + l;
        if (actual instanceof Float f) return "f32:" + f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
        if (actual instanceof Double d) return "f64:" + d + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
        if (actual instanceof WasmFunction) return "funcref";
        if (actual instanceof ExternRef e) return e.toString();
        return actual.getClass().getSimpleName() + ":" + actual;
    }
}
