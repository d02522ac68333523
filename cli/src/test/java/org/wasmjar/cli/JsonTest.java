package org.wasmjar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasmjar.cli.wast.JsonReader;

class JsonTest {
    @Test
    void writesIndentedJsonInMapOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of("x", true));
        m.put("maps", List.of(Map.of()));
        m.put("empty", List.of());
        m.put("none", null);
        m.put("nested", Map.of("k", 2L));
        assertEquals("{\n  \"b\": 1,\n  \"a\": [\"x\", true],\n  \"maps\": [\n    {}\n  ],\n  \"empty\": [],\n  \"none\": null,\n"
                + "  \"nested\": {\n    \"k\": 2\n  }\n}\n", Json.write(m));
    }

    @Test
    void escapesStringsSoTheyReadBack() {
        String tricky = "quote \" backslash \\ newline \n tab \t bell \u0007 é";
        assertEquals(tricky, JsonReader.parse(Json.write(tricky).strip()));
        assertEquals(Arrays.asList(1L, null, "s"), JsonReader.parse(Json.write(Arrays.asList(1, null, "s"))));
    }
}
