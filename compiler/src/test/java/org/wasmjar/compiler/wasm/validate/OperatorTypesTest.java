package org.wasmjar.compiler.wasm.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.wasm.model.Opcodes;

class OperatorTypesTest {
    /** Operators the body validator types case by case instead of through the tables. */
    private static final Set<Integer> SPECIAL = Set.of(Opcodes.UNREACHABLE, Opcodes.NOP, Opcodes.BLOCK, Opcodes.LOOP,
        Opcodes.IF, Opcodes.ELSE, Opcodes.END, Opcodes.BR, Opcodes.BR_IF, Opcodes.BR_TABLE, Opcodes.RETURN,
        Opcodes.CALL, Opcodes.CALL_INDIRECT, Opcodes.DROP, Opcodes.SELECT, Opcodes.SELECT_T, Opcodes.LOCAL_GET,
        Opcodes.LOCAL_SET, Opcodes.LOCAL_TEE, Opcodes.GLOBAL_GET, Opcodes.GLOBAL_SET, Opcodes.TABLE_GET,
        Opcodes.TABLE_SET, Opcodes.MEMORY_SIZE, Opcodes.MEMORY_GROW, Opcodes.REF_NULL, Opcodes.REF_IS_NULL,
        Opcodes.REF_FUNC, Opcodes.MEMORY_INIT, Opcodes.DATA_DROP, Opcodes.MEMORY_COPY, Opcodes.MEMORY_FILL,
        Opcodes.TABLE_INIT, Opcodes.ELEM_DROP, Opcodes.TABLE_COPY, Opcodes.TABLE_GROW, Opcodes.TABLE_SIZE,
        Opcodes.TABLE_FILL);

    @Test
    void everyOperatorIsTyped() throws IllegalAccessException {
        int count = 0;
        for (Field f : Opcodes.class.getFields()) {
            if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers()) || f.getName().startsWith("PREFIX")) continue;
            int op = f.getInt(null);
            boolean typed = OperatorTypes.signature(op) != 0;
            assertTrue(typed ^ SPECIAL.contains(op), f.getName() + " must be typed exactly once");
            count++;
        }
        assertTrue(count > 400, "expected all Wasm 2.0 operators, saw " + count);
    }

    private static String describe(int op) {
        int sig = OperatorTypes.signature(op);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < OperatorTypes.paramCount(sig); i++) {
            sb.append(i == 0 ? "" : " ").append(OperatorTypes.valType(OperatorTypes.param(sig, i)));
        }
        sb.append("] -> [");
        if (OperatorTypes.result(sig) != 0) sb.append(OperatorTypes.valType(OperatorTypes.result(sig)));
        return sb.append(']').toString();
    }

    @Test
    void signaturesFollowTheSpec() {
        assertEquals("[i32 i32] -> [i32]", describe(Opcodes.I32_LT_U));
        assertEquals("[f64] -> [i64]", describe(Opcodes.I64_TRUNC_SAT_F64_U));
        assertEquals("[i32 f64] -> []", describe(Opcodes.F64_STORE));
        assertEquals("[v128 v128] -> [v128]", describe(Opcodes.I16X8_EXTMUL_HIGH_I8X16_U));
        assertEquals("[v128 v128] -> [v128]", describe(Opcodes.I16X8_NARROW_I32X4_S));
        assertEquals("[v128 v128] -> [v128]", describe(Opcodes.I32X4_DOT_I16X8_S));
        assertEquals("[v128] -> [v128]", describe(Opcodes.I32X4_TRUNC_SAT_F64X2_U_ZERO));
        assertEquals("[v128] -> [v128]", describe(Opcodes.I32X4_EXTADD_PAIRWISE_I16X8_S));
        assertEquals("[v128] -> [v128]", describe(Opcodes.F64X2_NEAREST));
        assertEquals("[v128] -> [i32]", describe(Opcodes.V128_ANY_TRUE));
        assertEquals("[v128] -> [i32]", describe(Opcodes.I64X2_BITMASK));
        assertEquals("[v128 i32] -> [v128]", describe(Opcodes.I64X2_SHR_U));
        assertEquals("[v128 v128 v128] -> [v128]", describe(Opcodes.V128_BITSELECT));
        assertEquals("[f32] -> [v128]", describe(Opcodes.F32X4_SPLAT));
        assertEquals("[i32 v128] -> [v128]", describe(Opcodes.V128_LOAD32_LANE));
        assertEquals("[i32 v128] -> []", describe(Opcodes.V128_STORE8_LANE));
        assertEquals(2, OperatorTypes.lanes(Opcodes.V128_STORE64_LANE));
        assertEquals(3, OperatorTypes.naturalAlignment(Opcodes.V128_LOAD32X2_U));
        assertEquals(-1, OperatorTypes.naturalAlignment(Opcodes.I32_ADD));
    }
}
