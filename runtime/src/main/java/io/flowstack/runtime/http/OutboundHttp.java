package io.flowstack.runtime.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * How workflows call the outside world (http steps and integrations): one client per runtime, so connections to a
 * service are pooled and reused across executions and workers. Calls are blocking, on the engine worker that runs the
 * step, over HTTP/1.1 with keep-alive: a classic client (Apache HttpClient 5) costs a fraction of the CPU per call of
 * the JDK's asynchronous {@code java.net.http} client, which measured as the largest single cost of an execution in
 * the runtime benchmark. Each call is bounded as a whole by its timeout (a call still running then is aborted), and
 * redirects are never followed, so a service cannot send a request with its credentials elsewhere.
 */
public final class OutboundHttp implements AutoCloseable {
    /** How long opening a connection may take; a step's own timeout bounds the whole call. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The largest answer a call reads (10 MiB): a larger one fails the call rather than the runtime's heap. */
    public static final int MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();
    private final CloseableHttpClient client;
    private final int maxResponseBytes;

    private OutboundHttp(CloseableHttpClient client, int maxResponseBytes) {
        this.client = client;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The runtime's client: up to 64 connections per service and 256 in all, idle ones closed after a minute. */
    public static OutboundHttp client() {
        return client(MAX_RESPONSE_BYTES);
    }

    /** The runtime's client, reading answers of at most {@code maxResponseBytes}. */
    public static OutboundHttp client(int maxResponseBytes) {
        return new OutboundHttp(HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(64)
                        .setMaxConnTotal(256)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .build())
                        .build())
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableAuthCaching()
                .setUserAgent("flowstack-runtime")
                .build(), maxResponseBytes);
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
     * {@link HttpTimeoutException}; other transport failures throw {@link IOException}.
     */
    public Response send(Request request) throws IOException, InterruptedException {
        HttpUriRequestBase call = new HttpUriRequestBase(request.method, request.uri);
        request.headers.forEach(call::addHeader);
        if (request.body != null) {
            call.setEntity(new ByteArrayEntity(request.body.getBytes(StandardCharsets.UTF_8), null));
        }
        Timeout timeout = Timeout.of(request.timeout);
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom().setResponseTimeout(timeout)
                .setConnectionRequestTimeout(timeout).build());
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            expired.set(true);
            call.cancel();
        }, request.timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return client.execute(call, context, response -> {
                Header contentType = response.getFirstHeader("Content-Type");
                String body = response.getEntity() == null ? "" : text(response.getEntity(), maxResponseBytes);
                return new Response(response.getCode(), contentType == null ? "" : contentType.getValue(), body);
            });
        } catch (SocketTimeoutException e) {
            throw new HttpTimeoutException("no answer within " + request.timeout);
        } catch (IOException e) {
            if (expired.get()) {
                throw new HttpTimeoutException("no complete answer within " + request.timeout);
            }
            if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                throw new InterruptedException(e.getMessage());
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * The whole answer as text, in the charset its Content-Type names (UTF-8 when none or an unknown one); an answer
     * longer than {@code limit} bytes throws {@link ResponseTooLargeException} after reading no more than that.
     */
    static String text(HttpEntity entity, int limit) throws IOException {
        long declared = entity.getContentLength();
        if (declared > limit) {
            throw new ResponseTooLargeException(limit);
        }
        byte[] bytes;
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return "";
            }
            bytes = in.readNBytes(limit + 1);
        }
        if (bytes.length > limit) {
            throw new ResponseTooLargeException(limit);
        }
        Charset charset = StandardCharsets.UTF_8;
        try {
            ContentType type = entity.getContentType() == null ? null : ContentType.parseLenient(entity.getContentType());
            if (type != null && type.getCharset() != null) {
                charset = type.getCharset();
            }
        } catch (RuntimeException unknownCharset) {
            // an unknown or malformed charset: read as UTF-8
        }
        return new String(bytes, charset);
    }

    /** An answer larger than the client reads ({@link #MAX_RESPONSE_BYTES}). */
    public static final class ResponseTooLargeException extends IOException {
        ResponseTooLargeException(int limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "flowstack-http-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
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
