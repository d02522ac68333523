package org.wasmjar.runtime.abi;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

class MemorySitesTest {
    private final byte[] mem = new byte[65536];

    private static MethodHandle load(String name, Class<?> type, int offset) {
        return MemorySites.bootstrap(MethodHandles.lookup(), name, MethodType.methodType(type, int.class, byte[].class), offset)
                .dynamicInvoker();
    }

    private static MethodHandle store(String name, Class<?> type, int offset) {
        MethodType t = MethodType.methodType(void.class, int.class, type, byte[].class);
        return MemorySites.bootstrap(MethodHandles.lookup(), name, t, offset).dynamicInvoker();
    }

    @Test void littleEndianWidthsAndOffsets() throws Throwable {
        store("store", long.class, 0).invoke(8, 0x0102030405060708L, mem);
        assertEquals(0x08, mem[8]);
        assertEquals(0x01, mem[15]);
        assertEquals(0x05060708, (int) load("load", int.class, 0).invoke(8, mem));
        assertEquals(0x01020304, (int) load("load", int.class, 4).invoke(8, mem));
        assertEquals(0x0102030405060708L, (long) load("load", long.class, 8).invoke(0, mem));
        store("store", int.class, 0x10).invoke(100, 0x80FF7F81, mem);
        assertEquals((byte) 0x81, (byte) load("load8", byte.class, 0).invoke(116, mem));
        assertEquals((short) 0x7F81, (short) load("load16", short.class, 17).invoke(99, mem));
        assertEquals((short) 0x80FF, (short) load("load16", short.class, 117).invoke(1, mem));
        store("store8", byte.class, 0).invoke(200, (byte) 0x34, mem);
        store("store16", short.class, 1).invoke(201, (short) 0xCDEF, mem);
        assertEquals(0xCDEF0034, (int) load("load", int.class, 0).invoke(200, mem));
    }

    @Test void unalignedAccessesAndTheLastBytes() throws Throwable {
        store("store", long.class, 0).invoke(3, -2L, mem);
        assertEquals(-2L, (long) load("load", long.class, 0).invoke(3, mem));
        store("store", int.class, 0).invoke(65532, 7, mem);
        assertEquals(7, (int) load("load", int.class, 1).invoke(65531, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> load("load", int.class, 2).invoke(65531, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> store("store8", byte.class, 65536).invoke(0, (byte) 1, mem));
    }

    @Test void floatsKeepTheirNaNPayloads() throws Throwable {
        store("store", float.class, 0).invoke(0, Float.intBitsToFloat(0x7FA00001), mem);
        assertEquals(0x7FA00001, (int) load("load", int.class, 0).invoke(0, mem));
        assertEquals(0x7FA00001, Float.floatToRawIntBits((float) load("load", float.class, 0).invoke(0, mem)));
        store("store", double.class, 16).invoke(0, Double.longBitsToDouble(0xFFF4000000000001L), mem);
        assertEquals(0xFFF4000000000001L, Double.doubleToRawLongBits((double) load("load", double.class, 8).invoke(8, mem)));
    }

    /** A base of 2^31 or more is negative as an int; base + offset must not wrap around to a valid index. */
    @Test void effectiveAddressNeverWraps() {
        assertThrows(IndexOutOfBoundsException.class, () -> load("load", int.class, 8).invoke(-4, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> load("load8", byte.class, 1).invoke(-1, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> load("load", int.class, 0).invoke(-4, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> store("store", long.class, -1).invoke(1, 0L, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> load("load", int.class, Integer.MIN_VALUE).invoke(0, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> load("load8", byte.class, 5).invoke(Integer.MAX_VALUE - 4, mem));
    }

    @Test void addressSitesComputeTheIndexOnly() throws Throwable {
        MethodType t = MethodType.methodType(int.class, int.class);
        assertEquals(100, (int) MemorySites.bootstrap(MethodHandles.lookup(), "address", t, 0).dynamicInvoker().invoke(100));
        MethodHandle plus12 = MemorySites.bootstrap(MethodHandles.lookup(), "address", t, 12).dynamicInvoker();
        assertEquals(112, (int) plus12.invoke(100));
        assertEquals(Integer.MAX_VALUE, (int) plus12.invoke(Integer.MAX_VALUE - 12));
        assertThrows(IndexOutOfBoundsException.class, () -> plus12.invoke(Integer.MAX_VALUE - 11));
        assertThrows(IndexOutOfBoundsException.class, () -> plus12.invoke(-12)); // 2^32 - 12 + 12 must not wrap to 0
        assertThrows(IllegalArgumentException.class, () -> MemorySites.bootstrap(MethodHandles.lookup(), "address",
                MethodType.methodType(long.class, int.class), 4));
    }

    @Test void sitesOfOneShapeShareATarget() {
        MethodType t = MethodType.methodType(int.class, int.class, byte[].class);
        assertSame(MemorySites.bootstrap(MethodHandles.lookup(), "load", t, 12).getTarget(),
                MemorySites.bootstrap(MethodHandles.lookup(), "load", t, 12).getTarget());
    }

    @Test void aSiteOfAnUnknownShapeIsRejected() {
        MethodType intLoad = MethodType.methodType(int.class, int.class, byte[].class);
        assertThrows(IllegalArgumentException.class, () -> MemorySites.bootstrap(MethodHandles.lookup(), "load16", intLoad, 0));
        assertThrows(IllegalArgumentException.class, () -> MemorySites.bootstrap(MethodHandles.lookup(), "load24", intLoad, 0));
        assertThrows(IllegalArgumentException.class, () -> MemorySites.bootstrap(MethodHandles.lookup(), "store",
                MethodType.methodType(void.class, byte[].class, int.class, int.class), 0));
    }
}
