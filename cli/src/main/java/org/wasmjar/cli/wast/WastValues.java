package org.wasmjar.cli.wast;

import java.util.List;
import java.util.Map;
import org.wasmjar.runtime.abi.V128;
import org.wasmjar.runtime.instance.WasmFunction;

/**
 * Script values as {@code wast2json} writes them ({@code {"type": "i32", "value": "4294967295"}}): integers as
 * unsigned decimal, floats as their bit pattern in unsigned decimal, references as {@code "null"} or a number,
 * v128 as a {@code lane_type} and a list of lane values written like scalars of that type. Arguments become the
 * boxed values the runtime's invoker takes ({@link V128} for v128); expected results are checked bit for bit, a
 * v128 lane by lane (so each float lane may expect its own NaN pattern).
 */
public final class WastValues {
    private WastValues() {}

    /** A script value has a type the runner cannot handle. */
    public static final class UnsupportedValueException extends RuntimeException {
        UnsupportedValueException(String message) { super(message); }
    }

    /** The boxed argument for a script value: Integer, Long, Float, Double, V128, null or an {@link ExternRef}. */
    public static Object argument(Map<String, Object> v) {
        String type = type(v);
        if (type.equals("v128")) {
            String shape = shape(v);
            List<String> values = lanes(v, shape);
            long[] lanes = new long[values.size()];
            for (int i = 0; i < lanes.length; i++) lanes[i] = parseLane(values.get(i));
            return V128.fromLanes(shape, lanes);
        }
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
        if (type.equals("v128")) return actual instanceof V128 vector && matchesV128(v, vector);
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

    private static String type(Map<String, Object> v) { return String.valueOf(v.get("type")); }

    /** The v128 shape of a script value's lane type: {@code i8x16} for {@code i8}, ... */
    private static String shape(Map<String, Object> v) {
        String lane = String.valueOf(v.get("lane_type"));
        return switch (lane) {
            case "i8" -> "i8x16";
            case "i16" -> "i16x8";
            case "i32", "f32" -> lane + "x4";
            case "i64", "f64" -> lane + "x2";
            default -> throw new UnsupportedValueException("unknown v128 lane type " + lane);
        };
    }

    /** The lane values of a v128 script value, checked against the shape's lane count. */
    private static List<String> lanes(Map<String, Object> v, String shape) {
        int count = 128 / V128.laneBits(shape);
        if (v.get("value") instanceof List<?> list && list.size() == count && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new UnsupportedValueException("malformed " + shape + " value: " + v.get("value"));
    }

    /** A lane value: unsigned decimal (or bit pattern), or signed decimal. */
    private static long parseLane(String s) { return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s); }

    private static boolean matchesV128(Map<String, Object> v, V128 actual) {
        String shape = shape(v);
        List<String> expected = lanes(v, shape);
        int bits = V128.laneBits(shape);
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        for (int i = 0; i < expected.size(); i++) {
            long lane = actual.lane(shape, i);
            String e = expected.get(i);
            boolean ok = switch (shape) {
                case "f32x4" -> matchesF32(e, (int) lane);
                case "f64x2" -> matchesF64(e, lane);
                default -> lane == (parseLane(e) & mask);
            };
            if (!ok) return false;
        }
        return true;
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
        if (type.equals("v128") && v.get("value") instanceof List<?> lanes) {
            String shape = shape(v);
            StringBuilder sb = new StringBuilder("v128:").append(shape);
            for (Object lane : lanes) sb.append(' ').append(describeLane(shape, String.valueOf(lane)));
            return sb.toString();
        }
        if (!(v.get("value") instanceof String value)) return type;
        if (value.startsWith("nan:")) return type + ":" + value;
        return switch (type) {
            case "i32", "i64", "f32", "f64" -> describe(argument(v));
            case "externref" -> "null".equals(value) ? "ref.null" : new ExternRef(Long.parseLong(value)).toString();
            case "funcref" -> "null".equals(value) ? "ref.null" : "funcref";
            default -> type + ":" + value;
        };
    }

    /** An expected lane: signed decimal for integers, the float for float bit patterns, NaN patterns as they are. */
    private static String describeLane(String shape, String lane) {
        return lane.startsWith("nan:") ? lane : describeLane(shape, parseLane(lane));
    }

    /** A lane's bits as {@link #describeLane(String, String)} shows them; a NaN with its bits, {@code nan:0x7fc00001}. */
    private static String describeLane(String shape, long bits) {
        return switch (shape) {
            case "f32x4" -> Float.isNaN(Float.intBitsToFloat((int) bits))
                    ? "nan:0x" + Integer.toHexString((int) bits) : Float.toString(Float.intBitsToFloat((int) bits));
            case "f64x2" -> Double.isNaN(Double.longBitsToDouble(bits))
                    ? "nan:0x" + Long.toHexString(bits) : Double.toString(Double.longBitsToDouble(bits));
            case "i8x16" -> Byte.toString((byte) bits);
            case "i16x8" -> Short.toString((short) bits);
            case "i32x4" -> Integer.toString((int) bits);
            default -> Long.toString(bits);
        };
    }

    /**
     * A result for messages, a v128 in the lanes of the expected value's {@code lane_type} ({@code i8} ... {@code f64},
     * or null to show it as {@code i32x4} bits), so that it reads like {@link #describeExpected}.
     */
    public static String describe(Object actual, String laneType) {
        if (!(actual instanceof V128 v) || laneType == null) return describe(actual);
        String shape = shape(Map.of("lane_type", laneType));
        StringBuilder sb = new StringBuilder("v128:").append(shape);
        for (int i = 0; i < 128 / V128.laneBits(shape); i++) sb.append(' ').append(describeLane(shape, v.lane(shape, i)));
        return sb.toString();
    }

    /**
     * A result value for messages: {@code i32:-1}, {@code f32:1.5 (0x3fc00000)}, {@code ref.null},
     * {@code v128:i32x4 0x00000001 ...}, ...
     */
    public static String describe(Object actual) {
        if (actual == null) return "ref.null";
        if (actual instanceof V128 v) return "v128:" + v;
        if (actual instanceof Integer i) return "i32:" + i;
        if (actual instanceof Long l) return "i64:" + l;
        if (actual instanceof Float f) return "f32:" + f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
        if (actual instanceof Double d) return "f64:" + d + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
        if (actual instanceof WasmFunction) return "funcref";
        if (actual instanceof ExternRef e) return e.toString();
        return actual.getClass().getSimpleName() + ":" + actual;
    }
}
