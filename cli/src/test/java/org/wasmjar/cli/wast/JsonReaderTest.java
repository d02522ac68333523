package org.wasmjar.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    @Test
    void parsesWast2jsonCommand() {
        Object doc = JsonReader.parse("""
                {"source_filename": "fac.wast",
                 "commands": [
                  {"type": "module", "line": 1, "filename": "fac.0.wasm"},
                  {"type": "assert_return", "line": 102, "action": {"type": "invoke", "field": "fac-rec",
                   "args": [{"type": "i64", "value": "25"}]}, "expected": []}]}
                """);
        Map<?, ?> top = (Map<?, ?>) doc;
        List<?> commands = (List<?>) top.get("commands");
        assertEquals(2, commands.size());
        Map<?, ?> second = (Map<?, ?>) commands.get(1);
        assertEquals(102L, second.get("line"));
        assertEquals(List.of(), second.get("expected"));
        Map<?, ?> arg = (Map<?, ?>) ((List<?>) ((Map<?, ?>) second.get("action")).get("args")).get(0);
        assertEquals(Map.of("type", "i64", "value", "25"), arg);
    }

    @Test
    void keepsKeyOrder() {
        Map<?, ?> m = (Map<?, ?>) JsonReader.parse("{\"b\": 1, \"a\": 2, \"c\": 3}");
        assertEquals(List.of("b", "a", "c"), List.copyOf(m.keySet()));
    }

    @Test
    void decodesEscapes() {
        assertEquals("~\\:\"\u0000\n\u00e9/", JsonReader.parse("\"~\\u005c:\\u0022\\u0000\\n\\u00e9\\/\""));
        assertEquals("\uD83D\uDE00", JsonReader.parse("\"\\ud83d\\ude00\""));
        assertEquals("snowman \u2603", JsonReader.parse("\"snowman \u2603\""));
    }

    @Test
    void parsesScalars() {
        assertEquals(-12L, JsonReader.parse("-12"));
        assertEquals(1.5e3, JsonReader.parse("1.5e3"));
        assertEquals(Boolean.TRUE, JsonReader.parse(" true "));
        assertEquals(Boolean.FALSE, JsonReader.parse("false"));
        assertEquals(null, JsonReader.parse("null"));
        assertEquals(List.of(1L, List.of(), Map.of()), JsonReader.parse("[1, [], {}]"));
    }

    @Test
    void rejectsBrokenInput() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "1 2", "{\"a\": 1,}", "\"\\x\"", "-")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
            assertEquals(true, e.getMessage().startsWith("JSON: "), e.getMessage());
        }
    }
}
