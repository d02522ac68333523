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
import org.wasmjar.runtime.abi.V128;
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

    private static Map<String, Object> v128(String laneType, String... lanes) {
        return Map.of("type", "v128", "lane_type", laneType, "value", List.of(lanes));
    }

    @Test
    void v128ArgumentsFromLanesOfAnyShape() {
        assertEquals(new V128(0x0000000200000001L, 0xFFFFFFFF00000003L), WastValues.argument(v128("i32", "1", "2", "3", "4294967295")));
        assertEquals(WastValues.argument(v128("i32", "1", "2", "3", "4294967295")),
                WastValues.argument(v128("i16", "1", "0", "2", "0", "3", "0", "65535", "65535")));
        assertEquals(new V128(0x3FF0000000000000L, 0x8000000000000000L),
                WastValues.argument(v128("f64", "4607182418800017408", "9223372036854775808")));
        assertEquals(new V128(0xFF, 0), WastValues.argument(v128("i8", "255", "0", "0", "0", "0", "0", "0", "0",
                "0", "0", "0", "0", "0", "0", "0", "0")));
        var e = assertThrows(WastValues.UnsupportedValueException.class, () -> WastValues.argument(v128("i32", "1", "2", "3")));
        assertEquals("malformed i32x4 value: [1, 2, 3]", e.getMessage());
        assertThrows(WastValues.UnsupportedValueException.class, () -> WastValues.argument(v128("i128", "1")));
    }

    @Test
    void v128MatchesLaneByLane() {
        V128 v = V128.fromLanes("i32x4", 1, 2, 3, -1);
        assertTrue(WastValues.matches(v128("i32", "1", "2", "3", "4294967295"), v));
        assertFalse(WastValues.matches(v128("i32", "1", "2", "3", "4294967294"), v));
        assertFalse(WastValues.matches(v128("i32", "1", "2", "3", "4294967295"), 1));
        // each float lane may expect its own NaN pattern
        V128 nans = V128.fromLanes("f32x4", 0x7fc00000, 0xffc00000, 0x7fc00001, 0x3f800000);
        assertTrue(WastValues.matches(v128("f32", "nan:canonical", "nan:canonical", "nan:arithmetic", "1065353216"), nans));
        assertFalse(WastValues.matches(v128("f32", "nan:canonical", "nan:canonical", "nan:canonical", "1065353216"), nans));
        V128 d = V128.fromLanes("f64x2", 0x7ff8000000000000L, 0x7ff4000000000000L);
        assertTrue(WastValues.matches(v128("f64", "nan:canonical", "9219994337134247936"), d));
        assertFalse(WastValues.matches(v128("f64", "nan:canonical", "nan:arithmetic"), d));
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
        V128 v = V128.fromLanes("i32x4", 1, 2, 3, -1);
        assertEquals("v128:i32x4 0x00000001 0x00000002 0x00000003 0xffffffff", WastValues.describe(v));
        assertEquals("v128:i16x8 1 0 2 0 3 0 -1 -1", WastValues.describe(v, "i16"));
        assertEquals("v128:f32x4 1.0 nan:canonical -0.0 0.0",
                WastValues.describeExpected(v128("f32", "1065353216", "nan:canonical", "2147483648", "0")));
        assertEquals("v128:f64x2 nan:0x7ff4000000000000 1.0",
                WastValues.describe(V128.fromLanes("f64x2", 0x7ff4000000000000L, 0x3ff0000000000000L), "f64"));
    }
}
