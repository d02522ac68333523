package org.wasmjar.hostcalls.edge;

import java.util.Locale;
import java.util.Objects;

/** One HTTP header field. The name is lower-cased (as in HTTP/2): names compare without regard to case. */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(value, "value");
        if (!isToken(name)) throw new IllegalArgumentException("bad header name \"" + name + "\"");
        if (!isValue(value)) throw new IllegalArgumentException("header " + name + " has a line break or NUL in its value");
        name = name.toLowerCase(Locale.ROOT);
    }

    /** An HTTP token (RFC 9110 section 5.6.2): what methods and header names are made of. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    /** A field value may hold anything but the characters that would end the line. */
    static boolean isValue(String s) {
        return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 && s.indexOf('\0') < 0;
    }
}
