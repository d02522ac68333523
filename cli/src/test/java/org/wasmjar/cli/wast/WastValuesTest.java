package org.wasmjar.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.types.FuncType;

class WastValuesTest {
    private static Map<String, Object> v(String type, String value) { return Map.of("type", type, "value", value); }

    @Test
    void argumentsAreUnsignedDecimalAndBitPatterns() {
        assertEquals(-1, WastValues.argument(v("i32", "4294967295")));
        assertEquals(Long.MIN_VALUE, WastValues.argument(v("i64", "9223372036854775808")));
        assertEquals(1.5f, WastValues.argument(v("f32", "1069547520")));
        assertEquals(-2.0, WastValues.argument(v("f64", "13835058055282163712")));
        // A signalling NaN keeps its payload.
        assertEquals(0x7fa00000, Float.floatToRawIntBits((Float) WastValues.argument(v("f32", "2141192192"))));
        assertNull(WastValues.argument(v("externref", "null")));
        assertNull(WastValues.argument(v("funcref", "null")));
        assertEquals(new ExternRef(42), WastValues.argument(v("externref", "42")));
    }

    @Test
    void v128IsUnsupported() {
        Map<String, Object> lanes = Map.of("type", "v128", "lane_type", "i32", "value", List.of("1", "2", "3", "4"));
        var e = assertThrows(WastValues.UnsupportedValueException.class, () -> WastValues.argument(lanes));
        assertEquals("v128 not supported", e.getMessage());
    }

    @Test
    void integersMatchExactlyAndByType() {
        assertTrue(WastValues.matches(v("i32", "4294967295"), -1));
        assertFalse(WastValues.matches(v("i32", "4294967295"), -1L));
        assertFalse(WastValues.matches(v("i32", "1"), 2));
        assertTrue(WastValues.matches(v("i64", "18446744073709551615"), -1L));
    }

    @Test
    void floatsMatchBitForBit() {
        assertTrue(WastValues.matches(v("f32", "2147483648"), -0.0f));
        assertFalse(WastValues.matches(v("f32", "0"), -0.0f));
        assertFalse(WastValues.matches(v("f64", "0"), 0.0f));
        assertTrue(WastValues.matches(v("f64", "9221120237041090560"), Double.longBitsToDouble(0x7ff8000000000000L)));
    }

    @Test
    void nanPatterns() {
        float canonical = Float.intBitsToFloat(0x7fc00000);
        float negCanonical = Float.intBitsToFloat(0xffc00000);
        float arithmetic = Float.intBitsToFloat(0x7fc00001);
        float signalling = Float.intBitsToFloat(0x7fa00000);
        assertTrue(WastValues.matches(v("f32", "nan:canonical"), canonical));
        assertTrue(WastValues.matches(v("f32", "nan:canonical"), negCanonical));
        assertFalse(WastValues.matches(v("f32", "nan:canonical"), arithmetic));
        assertTrue(WastValues.matches(v("f32", "nan:arithmetic"), arithmetic));
        assertTrue(WastValues.matches(v("f32", "nan:arithmetic"), canonical));
        assertFalse(WastValues.matches(v("f32", "nan:arithmetic"), signalling));
        assertFalse(WastValues.matches(v("f32", "nan:arithmetic"), 1.0f));

        assertTrue(WastValues.matches(v("f64", "nan:canonical"), Double.longBitsToDouble(0xfff8000000000000L)));
        assertFalse(WastValues.matches(v("f64", "nan:canonical"), Double.longBitsToDouble(0x7ff8000000000001L)));
        assertTrue(WastValues.matches(v("f64", "nan:arithmetic"), Double.longBitsToDouble(0x7ff8000000000001L)));
        assertFalse(WastValues.matches(v("f64", "nan:arithmetic"), Double.longBitsToDouble(0x7ff4000000000000L)));
    }

    @Test
    void references() {
        FuncType t = new FuncType(List.of(), List.of());
        WasmFunction f = new WasmFunction(t, 0, MethodHandles.empty(Abi.methodType(t)), "f");
        assertTrue(WastValues.matches(v("externref", "null"), null));
        assertTrue(WastValues.matches(v("externref", "7"), new ExternRef(7)));
        assertFalse(WastValues.matches(v("externref", "7"), new ExternRef(8)));
        assertFalse(WastValues.matches(v("externref", "7"), null));
        assertTrue(WastValues.matches(v("funcref", "null"), null));
        assertFalse(WastValues.matches(v("funcref", "null"), f));
        assertTrue(WastValues.matches(v("funcref", "0"), f));
    }

    @Test
    void descriptions() {
        assertEquals("i32:-1", WastValues.describeExpected(v("i32", "4294967295")));
        assertEquals("i32:-1", WastValues.describe(-1));
        assertEquals("f32:1.5 (0x3fc00000)", WastValues.describe(1.5f));
        assertEquals("f64:nan:canonical", WastValues.describeExpected(v("f64", "nan:canonical")));
        assertEquals("ref.extern 3", WastValues.describeExpected(v("externref", "3")));
        assertEquals("ref.null", WastValues.describe(null));
    }
}
