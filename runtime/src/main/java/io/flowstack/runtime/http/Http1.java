package io.flowstack.runtime.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The HTTP/1.1 wire format as the client speaks it (RFC 9112): a request written as one buffer, an answer's head and
 * body read with their framing (Content-Length, chunked, or to the end of the connection), interim 1xx answers
 * skipped, gzip bodies inflated. Whatever a call's headers say, framing is the client's: a request cannot smuggle a
 * second one through a header.
 */
final class Http1 {
    /** The most bytes an answer's head (status line and headers) may take. */
    static final int MAX_HEAD = 64 * 1024;
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "expect", "proxy-connection");

    private Http1() {
    }

    /** An answer read off the wire: whether the connection can carry another call after it. */
    record Answer(int status, String contentType, byte[] body, boolean keepAlive) {
    }

    /** The request's bytes: request line, headers, then the body (UTF-8). */
    static byte[] request(String method, URI uri, String hostHeader, Map<String, String> headers, String body)
            throws InvalidRequestException {
        checkToken(method, "method");
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\n");
        boolean host = false;
        boolean agent = false;
        boolean encoding = false;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            checkToken(name, "header name");
            String lower = name.toLowerCase(Locale.ROOT);
            if (FRAMING.contains(lower)) {
                throw new InvalidRequestException("the header " + name + " is the client's to set (framing and "
                        + "connection handling), not a call's");
            }
            checkValue(name, header.getValue());
            host |= lower.equals("host");
            agent |= lower.equals("user-agent");
            encoding |= lower.equals("accept-encoding");
            head.append(name).append(": ").append(header.getValue()).append("\r\n");
        }
        if (!host) {
            head.append("Host: ").append(hostHeader).append("\r\n");
        }
        if (!agent) {
            head.append("User-Agent: flowstack-runtime\r\n");
        }
        if (!encoding) {
            head.append("Accept-Encoding: gzip\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(content, 0, all, headBytes.length, content.length);
        return all;
    }

    private static void checkToken(String token, String what) throws InvalidRequestException {
        if (token == null || token.isEmpty()) {
            throw new InvalidRequestException("an empty " + what);
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean tchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                throw new InvalidRequestException("not a valid " + what + ": '" + abbreviate(token) + "'");
            }
        }
    }

    /** A value may hold any text but line breaks and other control characters (tab aside); the value is not shown. */
    private static void checkValue(String name, String value) throws InvalidRequestException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new InvalidRequestException("the value of header " + name + " holds a control character "
                        + "(a line break?) at position " + i);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** Reads the answer to a request with {@code method}; a body longer than {@code limit} bytes is refused. */
    static Answer read(ResponseReader reader, String method, int limit) throws IOException {
        Head head;
        do {
            head = Head.read(reader);
        } while (head.status >= 100 && head.status < 200 && head.status != 101);
        boolean noBody = method.equals("HEAD") || head.status == 204 || head.status == 304 || head.status == 101;
        boolean keepAlive = head.keepAlive && head.status != 101;
        byte[] body;
        if (noBody) {
            body = new byte[0];
        } else if (head.transferEncoding != null) {
            if (!head.transferEncoding.endsWith("chunked")) {
                throw new ProtocolException("an answer in a transfer coding the client does not read: "
                        + abbreviate(head.transferEncoding));
            }
            body = reader.chunked(limit);
            keepAlive &= head.contentLength < 0;   // both framings given: the connection is not trusted again
        } else if (head.contentLength >= 0) {
            if (head.contentLength > limit) {
                throw new OutboundHttp.ResponseTooLargeException(limit);
            }
            body = reader.exactly((int) head.contentLength);
        } else {
            keepAlive = false;
            body = reader.untilClosed(limit);
        }
        return new Answer(head.status, head.contentType, decode(body, head.contentEncoding, limit), keepAlive);
    }

    private static byte[] decode(byte[] body, String contentEncoding, int limit) throws IOException {
        if (contentEncoding == null || contentEncoding.equals("identity") || body.length == 0) {
            return body;
        }
        if (!contentEncoding.equals("gzip") && !contentEncoding.equals("x-gzip")) {
            throw new ProtocolException("an answer in a content coding the client does not read: "
                    + abbreviate(contentEncoding));
        }
        byte[] inflated;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            inflated = in.readNBytes(limit + 1);   // an answer that inflates past the limit stops there
        }
        if (inflated.length > limit) {
            throw new OutboundHttp.ResponseTooLargeException(limit);
        }
        return inflated;
    }

    /** The parts of an answer's head the client acts on. */
    private record Head(int status, boolean keepAlive, String contentType, String contentEncoding,
                        String transferEncoding, long contentLength) {
        static Head read(ResponseReader reader) throws IOException {
            String statusLine = reader.line();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new ProtocolException("not an HTTP/1.x answer: " + abbreviate(statusLine));
            }
            boolean http11 = statusLine.charAt(7) != '0';
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new ProtocolException("not an HTTP status line: " + abbreviate(statusLine));
            }
            String connection = null;
            String contentType = "";
            String contentEncoding = null;
            String transferEncoding = null;
            long contentLength = -1;
            int size = statusLine.length();
            for (String line = reader.line(); !line.isEmpty(); line = reader.line()) {
                size += line.length();
                if (size > MAX_HEAD) {
                    throw new ProtocolException("an answer's head is longer than " + MAX_HEAD + " bytes");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;   // not a header (or an obsolete folded line): nothing the client acts on
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "connection" -> connection = value.toLowerCase(Locale.ROOT);
                    case "content-type" -> contentType = value;
                    case "content-encoding" -> contentEncoding = value.toLowerCase(Locale.ROOT);
                    case "transfer-encoding" -> transferEncoding = value.toLowerCase(Locale.ROOT);
                    case "content-length" -> contentLength = length(value, contentLength);
                    default -> {
                    }
                }
            }
            boolean keepAlive = connection == null ? http11 : http11 ? !connection.contains("close")
                    : connection.contains("keep-alive");
            return new Head(status, keepAlive, contentType, contentEncoding, transferEncoding, contentLength);
        }

        private static long length(String value, long earlier) throws ProtocolException {
            long length;
            try {
                length = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new ProtocolException("not a Content-Length: " + abbreviate(value));
            }
            if (length < 0 || earlier >= 0 && earlier != length) {
                throw new ProtocolException("a negative or contradictory Content-Length: " + abbreviate(value));
            }
            return length;
        }
    }

    /** A call the client refuses to send as it stands (a header that could split the request, a bad method). */
    static final class InvalidRequestException extends OutboundHttp.FinalFailure {
        InvalidRequestException(String message) {
            super(message);
        }
    }
}
