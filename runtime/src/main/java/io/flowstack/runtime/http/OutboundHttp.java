package io.flowstack.runtime.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;

/**
 * How workflows call the outside world (http steps and integrations): one client per runtime, so connections to a
 * service are pooled and reused across executions and workers. Calls are blocking, on the engine worker that runs the
 * step, over HTTP/1.1 with keep-alive (TLS for https, the certificate checked against the JVM's trusted roots and the
 * host name). The client is the runtime's own ({@link Http1}, {@link ConnectionPool}): a general-purpose client's
 * per-call machinery measured as the largest single cost of an execution in the runtime benchmark. Each call is
 * bounded as a whole by its timeout (reads by their socket timeout, a connect, handshake or write that blocks by the
 * {@link Watchdog} closing its socket), redirects are never followed, so a service cannot send a request with its
 * credentials elsewhere, and nothing is retried behind the engine's back, except what never reached the service: an
 * idempotent request (RFC 9110) whose kept-alive connection failed before any byte of an answer (the service closed it
 * as the request went out) is sent again on another connection, within the same deadline. A POST is not: the
 * service may have acted on it, and the step's own retry policy decides.
 */
public final class OutboundHttp implements AutoCloseable {
    /** How long opening a connection may take; a step's own timeout bounds the whole call. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The largest answer a call reads (10 MiB): a larger one fails the call rather than the runtime's heap. */
    public static final int MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
    private final ConnectionPool pool;
    private final int maxResponseBytes;

    OutboundHttp(ConnectionPool pool, int maxResponseBytes) {
        this.pool = pool;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The runtime's client: up to 64 connections per service and 256 in all, idle ones closed after a minute. */
    public static OutboundHttp client() {
        return client(MAX_RESPONSE_BYTES);
    }

    /** The runtime's client, reading answers of at most {@code maxResponseBytes}. */
    public static OutboundHttp client(int maxResponseBytes) {
        return new OutboundHttp(new ConnectionPool(64, 256, (int) CONNECT_TIMEOUT.toMillis(),
                (SSLSocketFactory) SSLSocketFactory.getDefault(), ConnectionPool.VALIDATE_AFTER_NANOS),
                maxResponseBytes);
    }

    /** A request to {@code uri} with {@code method}, bounded as a whole by {@code timeout}. */
    public static Request request(String method, URI uri, Duration timeout) {
        checkCallable(uri);
        return new Request(method, uri, timeout);
    }

    /** The URL as a URI this client can call (http or https, with a host); otherwise IllegalArgumentException. */
    public static URI uri(String url) {
        return checkCallable(URI.create(url));
    }

    private static URI checkCallable(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host: " + uri);
        }
        return uri;
    }

    /**
     * Sends a request and reads the whole answer. A call that runs past its timeout throws
     * {@link HttpTimeoutException}; a call that cannot succeed as it stands (an invalid header, an answer over the
     * limit) {@link FinalFailure}; other transport failures {@link IOException}.
     */
    public Response send(Request request) throws IOException, InterruptedException {
        Route route = Route.of(request.uri);
        byte[] bytes = Http1.request(request.method, request.uri, route.hostHeader(), request.headers, request.body);
        Call call = new Call(System.nanoTime() + request.timeout.toNanos());
        Watchdog.start(call);
        try {
            while (true) {
                try {
                    return exchange(request, route, bytes, call);
                } catch (StaleConnection stale) {
                    // the service closed a kept-alive connection as the request went out: nothing was answered, and
                    // an idempotent request may be sent again, on another connection (a fresh one at the latest)
                }
            }
        } finally {
            call.end();
            Watchdog.end(call);
        }
    }

    /** One attempt of a call on one connection. */
    private Response exchange(Request request, Route route, byte[] bytes, Call call)
            throws IOException, InterruptedException {
        Connection connection = null;
        boolean keep = false;
        try {
            connection = pool.lease(route, call);
            connection.reader.deadline(call.deadlineNanos);
            connection.write(bytes);
            Http1.Answer answer = Http1.read(connection.reader, request.method, maxResponseBytes);
            keep = answer.keepAlive();
            return new Response(answer.status(), answer.contentType(), new String(answer.body(),
                    charset(answer.contentType())));
        } catch (SocketTimeoutException e) {
            throw new HttpTimeoutException("no answer within " + request.timeout);
        } catch (FinalFailure e) {
            throw e;
        } catch (IOException e) {
            if (call.expired()) {
                throw new HttpTimeoutException("no complete answer within " + request.timeout);
            }
            if (connection != null && connection.reused() && !connection.reader.answered()
                    && IDEMPOTENT.contains(request.method)) {
                throw new StaleConnection(e);
            }
            throw e;
        } finally {
            if (connection != null) {
                // kept only when its answer was read whole and the call ended before the watchdog expired it: from
                // then on the watchdog leaves the connection alone; a failed attempt's connection is closed
                pool.release(connection, keep && call.end());
            }
        }
    }

    /** Methods whose request may be sent twice with the effect of once (RFC 9110, 9.2.2; TRACE aside). */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    /** A reused connection that failed before any byte of the answer: the call may go out again. */
    private static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super(cause);
        }
    }

    /** The charset a Content-Type names; UTF-8 when it names none or one this JVM does not know. */
    static Charset charset(String contentType) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = contentType.substring(at + "charset=".length());
        int end = name.indexOf(';');
        name = (end < 0 ? name : name.substring(0, end)).trim();
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        try {
            return Charset.forName(name);
        } catch (RuntimeException unknownCharset) {
            return StandardCharsets.UTF_8;
        }
    }

    /** A failure the same call would meet again: not worth a retry. */
    public static class FinalFailure extends IOException {
        FinalFailure(String message) {
            super(message);
        }
    }

    /** An answer larger than the client reads ({@link #MAX_RESPONSE_BYTES}). */
    public static final class ResponseTooLargeException extends FinalFailure {
        ResponseTooLargeException(int limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A call to make: method, URL, headers in order, an optional text body, and the time it may take in all. */
    public static final class Request {
        private final String method;
        private final URI uri;
        private final Duration timeout;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        private Request(String method, URI uri, Duration timeout) {
            this.method = method;
            this.uri = uri;
            this.timeout = timeout;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A UTF-8 body; the caller sets its Content-Type. */
        public Request body(String text) {
            this.body = text;
            return this;
        }

        public boolean hasHeader(String name) {
            return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
        }

        public String method() {
            return method;
        }

        public URI uri() {
            return uri;
        }

        public Duration timeout() {
            return timeout;
        }

        public Map<String, String> headers() {
            return headers;
        }

        public String body() {
            return body;
        }
    }

    /** An answer: its status, Content-Type ("" when none) and body as text. */
    public record Response(int status, String contentType, String body) {
    }
}
