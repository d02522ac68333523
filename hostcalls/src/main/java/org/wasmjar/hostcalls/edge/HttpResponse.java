package org.wasmjar.hostcalls.edge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** The response a guest produced: status code, headers in order (names lower-cased), body bytes. Immutable. */
public record HttpResponse(int status, List<Header> headers, byte[] body) {
    public HttpResponse {
        if (status < 100 || status > 999) throw new IllegalArgumentException("bad status code " + status);
        headers = List.copyOf(headers);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** An empty response with {@code status}. */
    public static HttpResponse of(int status) {
        return new HttpResponse(status, List.of(), new byte[0]);
    }

    @Override public byte[] body() { return body.clone(); }

    /**
     * The response as HTTP/1.1 sends it: status line, headers, a blank line, the body; lines end in CRLF. A
     * {@code content-length} header is added when the guest set none.
     */
    public byte[] toHttp() {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status);
        String reason = reason(status);
        if (!reason.isEmpty()) head.append(' ').append(reason);
        head.append("\r\n");
        boolean length = false;
        for (Header h : headers) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
            length |= h.name().equals("content-length");
        }
        if (!length) head.append("content-length: ").append(body.length).append("\r\n");
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The reason phrase of the common status codes (RFC 9110 section 15), empty for others. */
    public static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 418 -> "I'm a teapot";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
