package org.wasmjar.hostcalls.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The request a guest handles: method, target (path and query, e.g. {@code /path?q=1}), headers in order (names
 * lower-cased; a name may repeat) and body bytes. Immutable.
 */
public record HttpRequest(String method, String target, List<Header> headers, byte[] body) {
    public HttpRequest {
        if (!Header.isToken(method)) throw new IllegalArgumentException("bad request method \"" + method + "\"");
        if (target == null || !target.startsWith("/") || target.chars().anyMatch(c -> c <= ' ' || c == 0x7F)) {
            throw new IllegalArgumentException("a request target starts with / and has no spaces, got \"" + target + "\"");
        }
        headers = List.copyOf(headers);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /**
     * Parses a request line {@code "GET /path?q=1"} (an {@code HTTP/1.1} after the target is allowed), header lines
     * {@code "Name: value"} and the body; anything else is an {@link IllegalArgumentException} saying what was wrong.
     */
    public static HttpRequest parse(String requestLine, List<String> headerLines, byte[] body) {
        String[] parts = requestLine.strip().split(" +");
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].startsWith("HTTP/"))) {
            throw new IllegalArgumentException("a request is \"METHOD /path\", e.g. \"GET /path?q=1\", got \"" + requestLine + "\"");
        }
        List<Header> headers = new ArrayList<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("a header is \"Name: value\", got \"" + line + "\"");
            headers.add(new Header(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
        return new HttpRequest(parts[0], parts[1], headers, body);
    }

    /** The values of header {@code name} (any case), in order; empty when there is none. */
    public List<String> values(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>();
        for (Header h : headers) if (h.name().equals(lower)) values.add(h.value());
        return values;
    }

    /** Each header name once, in order of first appearance. */
    public List<String> names() {
        return headers.stream().map(Header::name).distinct().toList();
    }

    @Override public byte[] body() { return body.clone(); }
}
