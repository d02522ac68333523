package org.wasmjar.runtime.abi;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;

class MemoryAccessTest {
    private final byte[] mem = new byte[65536];

    @Test void littleEndianWidths() {
        MemoryAccess.i64Store(8, 0x0102030405060708L, mem);
        assertEquals(0x08, mem[8]);
        assertEquals(0x01, mem[15]);
        assertEquals(0x05060708, MemoryAccess.i32Load(8, mem));
        assertEquals(0x01020304, MemoryAccess.i32Load(8, mem, 4));
        assertEquals(0x0102030405060708L, MemoryAccess.i64Load(0, mem, 8));
        MemoryAccess.i32Store(100, 0x80FF7F81, mem, 0x10);
        assertEquals(0x81, MemoryAccess.i32Load8U(116, mem));
        assertEquals(0x7F, MemoryAccess.i32Load8U(117, mem));
        assertEquals(0x7F81, MemoryAccess.i32Load16U(116, mem));
        assertEquals(0x80FF, MemoryAccess.i32Load16U(1, mem, 117));
        MemoryAccess.i32Store8(200, 0x1234, mem);
        MemoryAccess.i32Store16(201, 0xABCDEF, mem, 1);
        assertEquals(0xCDEF0034, MemoryAccess.i32Load(200, mem));
    }

    @Test void unalignedAccessWorks() {
        MemoryAccess.i64Store(3, -2L, mem, 0);
        assertEquals(-2L, MemoryAccess.i64Load(3, mem));
        MemoryAccess.i32Store(65532, 7, mem);
        assertEquals(7, MemoryAccess.i32Load(65531, mem, 1));
    }

    @Test void effectiveAddressDoesNotWrap() {
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, assertThrows(Trap.class, () -> MemoryAccess.i32Load(-1, mem, 1)).kind());
        assertThrows(Trap.class, () -> MemoryAccess.i32Load8U(-1, mem, 1));
        assertThrows(Trap.class, () -> MemoryAccess.i64Store(1, 0L, mem, -1));
        assertThrows(Trap.class, () -> MemoryAccess.i32Load(0, mem, Integer.MIN_VALUE));
        assertThrows(Trap.class, () -> MemoryAccess.address(Integer.MAX_VALUE, 1));
        assertEquals(Integer.MAX_VALUE, MemoryAccess.address(Integer.MAX_VALUE - 5, 5));
    }

    @Test void outOfBoundsIsTheArraysOwnCheck() {
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load(65533, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load(65530, mem, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i64Load(-1, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load8U(65536, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load8U(Integer.MIN_VALUE, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Store16(65535, 1, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i64Store(0, 1L, mem, 65529));
        assertEquals(0, MemoryAccess.i32Load16U(65534, mem));
    }
}
