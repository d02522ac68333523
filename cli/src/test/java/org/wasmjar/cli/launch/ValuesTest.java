package org.wasmjar.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.types.ValType;

class ValuesTest {
    @Test
    void integersSignedUnsignedAndHex() {
        assertEquals(42, Values.parse(ValType.I32, "42"));
        assertEquals(-1, Values.parse(ValType.I32, "4294967295"), "unsigned values wrap as Wasm reads them");
        assertEquals(Integer.MIN_VALUE, Values.parse(ValType.I32, "-2147483648"));
        assertEquals(255, Values.parse(ValType.I32, "0xff"));
        assertEquals(-16, Values.parse(ValType.I32, "-0x10"));
        assertEquals(-1L, Values.parse(ValType.I64, "18446744073709551615"));
        assertEquals(Long.MIN_VALUE, Values.parse(ValType.I64, "-9223372036854775808"));
        assertEquals(1_000_000L, Values.parse(ValType.I64, "1_000_000"));
    }

    @Test
    void floats() {
        assertEquals(-3.75, Values.parse(ValType.F64, "-3.75"));
        assertEquals(1.5f, Values.parse(ValType.F32, "1.5"));
        assertTrue(Double.isNaN((Double) Values.parse(ValType.F64, "nan")));
        assertEquals(Float.NEGATIVE_INFINITY, Values.parse(ValType.F32, "-inf"));
        assertEquals(Double.POSITIVE_INFINITY, Values.parse(ValType.F64, "Infinity"));
        assertEquals(1e300, Values.parse(ValType.F64, "1e300"));
    }

    @Test
    void refusesWhatDoesNotFit() {
        assertEquals("\"4294967296\" is not an i32", assertThrows(IllegalArgumentException.class, () -> Values.parse(ValType.I32, "4294967296")).getMessage());
        assertEquals("\"-2147483649\" is not an i32", assertThrows(IllegalArgumentException.class, () -> Values.parse(ValType.I32, "-2147483649")).getMessage());
        assertEquals("\"x\" is not an i64", assertThrows(IllegalArgumentException.class, () -> Values.parse(ValType.I64, "x")).getMessage());
        assertEquals("\"1.5.2\" is not a f64", assertThrows(IllegalArgumentException.class, () -> Values.parse(ValType.F64, "1.5.2")).getMessage());
        assertEquals("\"nanx\" is not a f32", assertThrows(IllegalArgumentException.class, () -> Values.parse(ValType.F32, "nanx")).getMessage());
        assertEquals("cannot pass a funcref on the command line", assertThrows(IllegalArgumentException.class, () -> Values.parse(ValType.FUNCREF, "0")).getMessage());
    }

    @Test
    void formatsResults() {
        assertEquals("-1", Values.format(-1));
        assertEquals("18", Values.format(18L));
        assertEquals("NaN", Values.format(Float.NaN));
        assertEquals("0.1", Values.format(0.1));
        assertEquals("null", Values.format(null));
    }
}
