package org.wasmjar.cli.launch;

import java.math.BigInteger;
import java.util.Locale;
import org.wasmjar.runtime.abi.V128;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.types.ValType;

/** Wasm values as the command line writes them: arguments of {@code --invoke} in, results out. */
public final class Values {
    private Values() {}

    /**
     * Parses an argument of type {@code type}: integers in decimal or {@code 0x} hex, signed or unsigned within the
     * type's width; floats as Java writes them plus {@code nan}, {@code inf} and {@code -inf}; a v128 as a shape and its
     * lanes, e.g. {@code "i32x4 1 2 3 4"}.
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Object parse(ValType type, String text) {
        try {
            return switch (type) {
                case I32 -> (int) integer(text, 32);
                case I64 -> integer(text, 64);
                case F32 -> (float) floating(text);
                case F64 -> floating(text);
                case V128 -> V128.parse(text);
                default -> throw new IllegalArgumentException("cannot pass a " + type + " on the command line");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a" + (type == ValType.I32 || type == ValType.I64 ? "n " : " ") + type);
        }
    }

    /** A result as text: integers signed decimal, floats as Java prints them ({@code NaN}, {@code Infinity}). */
    public static String format(Object value) {
        if (value == null) return "null";
        if (value instanceof WasmFunction f) return "funcref " + f;
        return value.toString();
    }

    private static long integer(String text, int bits) {
        String t = text.strip();
        boolean negative = t.startsWith("-");
        String digits = negative || t.startsWith("+") ? t.substring(1) : t;
        BigInteger v = digits.startsWith("0x") || digits.startsWith("0X")
                ? new BigInteger(digits.substring(2).replace("_", ""), 16) : new BigInteger(digits.replace("_", ""));
        if (negative) v = v.negate();
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger maxUnsigned = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(maxUnsigned) > 0) throw new NumberFormatException("out of range");
        return v.longValue(); // the low 64 bits: unsigned values above the signed range wrap, as Wasm reads them
    }

    private static double floating(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "nan", "+nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (t.contains("nan") || t.contains("inf")) throw new NumberFormatException(text);
                yield Double.parseDouble(t);
            }
        };
    }
}
