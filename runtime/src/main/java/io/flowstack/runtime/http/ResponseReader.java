package io.flowstack.runtime.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Reads HTTP/1.1 answers from a connection's socket through a buffer of its own (no lock per byte). Every read that
 * blocks is bounded by the call's deadline: the socket's read timeout is set to what is left of it first.
 */
final class ResponseReader {
    /** The longest status or header line read (an answer with a longer one is refused). */
    static final int MAX_LINE = 16 * 1024;
    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int end;
    private long deadlineNanos;
    private boolean answered;

    ResponseReader(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** A new call: until when reads may block (System.nanoTime); past it a read throws SocketTimeoutException. */
    void deadline(long nanos) {
        this.deadlineNanos = nanos;
        this.answered = false;
    }

    /** Whether any byte of an answer has arrived since the call began. */
    boolean answered() {
        return answered;
    }

    /** Whether bytes are waiting that no request asked for. */
    boolean hasBuffered() {
        return position < end;
    }

    /** One line without its CRLF (or bare LF), as ISO-8859-1 text; a line longer than {@link #MAX_LINE} is refused. */
    String line() throws IOException {
        StringBuilder partial = null;
        while (true) {
            if (position == end && fill() < 0) {
                throw new EOFException("the connection closed in the middle of the answer's head");
            }
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            boolean complete = position < end;
            int length = position - start;
            if (complete) {
                position++;
            }
            if (partial == null && complete) {
                return lineText(new String(buffer, start, length, StandardCharsets.ISO_8859_1));
            }
            partial = partial == null ? new StringBuilder() : partial;
            partial.append(new String(buffer, start, length, StandardCharsets.ISO_8859_1));
            if (complete) {
                return lineText(partial.toString());
            }
            lineText(partial.toString());
        }
    }

    private static String lineText(String line) throws ProtocolException {
        if (line.length() > MAX_LINE) {
            throw new ProtocolException("an answer's header line is longer than " + MAX_LINE + " bytes");
        }
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Exactly {@code length} bytes. */
    byte[] exactly(int length) throws IOException {
        byte[] bytes = new byte[length];
        int done = 0;
        while (done < length) {
            if (position == end && fill() < 0) {
                throw new EOFException("the connection closed after " + done + " of " + length
                        + " bytes of the answer");
            }
            int n = Math.min(end - position, length - done);
            System.arraycopy(buffer, position, bytes, done, n);
            position += n;
            done += n;
        }
        return bytes;
    }

    /** A chunked body, its trailers skipped; more than {@code limit} bytes throws before reading further. */
    byte[] chunked(int limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("not a chunk size: " + abbreviate(sizeLine));
            }
            if (size < 0) {
                throw new ProtocolException("not a chunk size: " + abbreviate(sizeLine));
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers: not used
                }
                return body.toByteArray();
            }
            if (body.size() + size > limit) {
                throw new OutboundHttp.ResponseTooLargeException(limit);
            }
            body.writeBytes(exactly((int) size));
            if (!line().isEmpty()) {
                throw new ProtocolException("a chunk is longer than its size says");
            }
        }
    }

    /** Everything until the other side closes; more than {@code limit} bytes throws before reading further. */
    byte[] untilClosed(int limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (position < end || fill() >= 0) {
            if (body.size() + (end - position) > limit) {
                throw new OutboundHttp.ResponseTooLargeException(limit);
            }
            body.write(buffer, position, end - position);
            position = end;
        }
        return body.toByteArray();
    }

    /** Reads what the socket has into the (empty) buffer: the count, or -1 at the end of the stream. */
    private int fill() throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new java.net.SocketTimeoutException("the call's time is up");
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
        int n = in.read(buffer, 0, buffer.length);
        position = 0;
        end = Math.max(n, 0);
        answered |= n > 0;
        return n;
    }

    /** Whether the other side has closed an idle connection (or sent bytes nobody asked for): waits 1 ms at most. */
    boolean closedWhileIdle() {
        if (hasBuffered()) {
            return true;
        }
        try {
            socket.setSoTimeout(1);
            int n = in.read(buffer, 0, buffer.length);
            position = 0;
            end = Math.max(n, 0);
            return true;   // end of stream, or bytes that no request asked for
        } catch (java.net.SocketTimeoutException quiet) {
            return false;
        } catch (IOException broken) {
            return true;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
