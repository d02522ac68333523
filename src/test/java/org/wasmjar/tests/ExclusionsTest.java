package org.wasmjar.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExclusionsTest {
    @Test
    void parsesLineAndFileEntries() {
        Exclusions x = Exclusions.parse("""
                # known failures
                float_exprs.wast:123 x87-style double rounding is not emulated

                names.wast:* needs a text parser
                """);
        assertEquals(2, x.entries().size());
        assertEquals("float_exprs.wast:123 x87-style double rounding is not emulated", x.entries().get(0).toString());
        assertEquals(x.entries().get(0), x.covering("float_exprs.wast", 123));
        assertNull(x.covering("float_exprs.wast", 124));
        assertEquals(x.entries().get(1), x.covering("names.wast", 7));
        assertNull(x.covering("i32.wast", 123));
    }

    @Test
    void everyEntryNeedsAReason() {
        var e = assertThrows(IllegalArgumentException.class, () -> Exclusions.parse("ok.wast:1 fine\ni32.wast:5\n"));
        assertTrue(e.getMessage().startsWith("spec-exclusions line 2:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Exclusions.parse("i32.wast:*   \n"));
        assertThrows(IllegalArgumentException.class, () -> Exclusions.parse("i32.wast:x reason\n"));
        assertThrows(IllegalArgumentException.class, () -> Exclusions.parse("i32:5 reason\n"));
    }

    @Test
    void rejectsRepeatedEntries() {
        var e = assertThrows(IllegalArgumentException.class, () -> Exclusions.parse("a.wast:1 r\na.wast:1 again\n"));
        assertEquals("spec-exclusions line 2: repeats line 1", e.getMessage());
    }

    @Test
    void theCheckedInListParses() throws Exception {
        try (var in = ExclusionsTest.class.getResourceAsStream("/spec-exclusions.txt")) {
            Exclusions.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
