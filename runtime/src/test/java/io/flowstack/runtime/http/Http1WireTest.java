package io.flowstack.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** The client's HTTP/1.1 on the wire, against a server that answers with exactly the bytes each test gives. */
class Http1WireTest {
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    /** A client whose pooled connections are checked before every reuse (the runtime checks after 2 s idle). */
    private static OutboundHttp client(int limit) {
        return new OutboundHttp(new ConnectionPool(64, 256, 10_000, (SSLSocketFactory) SSLSocketFactory.getDefault(),
                0), limit);
    }

    private static OutboundHttp.Response get(OutboundHttp http, String url) throws Exception {
        return http.send(OutboundHttp.request("GET", OutboundHttp.uri(url), FIVE_SECONDS));
    }

    /** Answers every request on a connection with {@code answer}, keeping the connection open. */
    private static RawServer answering(String answer) throws IOException {
        return new RawServer((socket, server) -> {
            InputStream in = socket.getInputStream();
            while (server.readRequest(in) != null) {
                RawServer.write(socket, answer);
            }
        });
    }

    @Test
    void aKeptAliveConnectionCarriesTheNextCallsAndTheRequestIsFramedByTheClient() throws Exception {
        try (RawServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
             OutboundHttp http = client(1024)) {
            for (int i = 0; i < 3; i++) {
                assertThat(http.send(OutboundHttp.request("POST", OutboundHttp.uri(server.url("/a?b=c%20d")),
                        FIVE_SECONDS).header("X-Trace", "Zoë").body("{\"n\":" + i + "}")).body()).isEqualTo("ok");
            }
            assertThat(server.connections).hasValue(1);
            String first = server.requests.get(0);
            assertThat(first).startsWith("POST /a?b=c%20d HTTP/1.1\r\n")
                    .contains("X-Trace: Zoë\r\n", "Host: 127.0.0.1:", "User-Agent: flowstack-runtime\r\n",
                            "Accept-Encoding: gzip\r\n", "Content-Length: 7\r\n")
                    .endsWith("\r\n\r\n{\"n\":0}");
        }
    }

    @Test
    void chunkedAndGzippedAnswersAreReadWholeAndWithinTheLimit() throws Exception {
        byte[] gzipped = gzip("{\"hello\":\"world\"}");
        try (RawServer server = new RawServer((socket, s) -> {
            InputStream in = socket.getInputStream();
            s.readRequest(in);
            RawServer.write(socket, "HTTP/1.1 100 Continue\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
            s.readRequest(in);
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + gzipped.length + "\r\n\r\n");
            RawServer.write(socket, gzipped);
            s.readRequest(in);
            byte[] bomb = gzip("x".repeat(100_000));   // 100 kB once inflated, a few hundred bytes on the wire
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + bomb.length
                    + "\r\n\r\n");
            RawServer.write(socket, bomb);
        }); OutboundHttp http = client(1024)) {
            assertThat(get(http, server.url("/")).body()).isEqualTo("hello world");
            OutboundHttp.Response inflated = get(http, server.url("/"));
            assertThat(inflated.body()).isEqualTo("{\"hello\":\"world\"}");
            assertThat(inflated.contentType()).isEqualTo("application/json");
            assertThat(server.connections).hasValue(1);
            assertThatThrownBy(() -> get(http, server.url("/"))).isInstanceOf(OutboundHttp.ResponseTooLargeException.class);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aConnectionIsNotReusedAfterCloseOrAnAnswerReadToTheEnd() throws Exception {
        try (RawServer closing = answering("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na");
             RawServer unframed = new RawServer((socket, s) -> {
                 s.readRequest(socket.getInputStream());
                 RawServer.write(socket, "HTTP/1.0 200 OK\r\n\r\nuntil the end");
             }); OutboundHttp http = client(1024)) {
            for (int i = 0; i < 2; i++) {
                assertThat(get(http, closing.url("/")).body()).isEqualTo("a");
                assertThat(get(http, unframed.url("/")).body()).isEqualTo("until the end");
            }
            assertThat(closing.connections).hasValue(2);
            assertThat(unframed.connections).hasValue(2);
        }
    }

    @Test
    void aConnectionTheServerClosedWhileItWaitedIsNotUsedAgain() throws Exception {
        try (RawServer server = new RawServer((socket, s) -> {
            s.readRequest(socket.getInputStream());
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");   // keep-alive, then closed
        }); OutboundHttp http = client(1024)) {
            assertThat(get(http, server.url("/")).body()).isEqualTo("ok");
            assertThat(get(http, server.url("/")).body()).isEqualTo("ok");
            assertThat(server.connections).hasValue(2);
        }
    }

    /** Answers a connection's first request, then reads the next one and closes, with {@code last} or no answer. */
    private static RawServer closingOnTheSecondRequest(String last) throws IOException {
        return new RawServer((socket, s) -> {
            InputStream in = socket.getInputStream();
            s.readRequest(in);
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            s.readRequest(in);
            RawServer.write(socket, last);
        });
    }

    @Test
    void anIdempotentCallWhoseKeptAliveConnectionClosesUnansweredGoesOutAgainOnANewConnection() throws Exception {
        try (RawServer server = closingOnTheSecondRequest(""); OutboundHttp http = client(1024)) {
            assertThat(get(http, server.url("/")).body()).isEqualTo("ok");
            assertThat(http.send(OutboundHttp.request("PUT", OutboundHttp.uri(server.url("/p")), FIVE_SECONDS)
                    .body("{}")).body()).isEqualTo("ok");
            assertThat(server.connections).hasValue(2);
            assertThat(server.requests).hasSize(3);
            assertThat(server.requests.get(2)).startsWith("PUT /p HTTP/1.1");
        }
    }

    @Test
    void aPostIsNeverSentTwiceNorACallWithAnAnswerBegun() throws Exception {
        try (RawServer server = closingOnTheSecondRequest(""); OutboundHttp http = client(1024)) {
            assertThat(get(http, server.url("/")).body()).isEqualTo("ok");
            assertThatThrownBy(() -> http.send(OutboundHttp.request("POST", OutboundHttp.uri(server.url("/once")),
                    FIVE_SECONDS).body("{}"))).isInstanceOf(IOException.class);
            assertThat(server.requests).hasSize(2);
            assertThat(server.connections).hasValue(1);
        }
        try (RawServer server = closingOnTheSecondRequest("HTTP/1.1 200 OK\r\nContent-Le");
             OutboundHttp http = client(1024)) {
            assertThat(get(http, server.url("/")).body()).isEqualTo("ok");
            assertThatThrownBy(() -> get(http, server.url("/"))).isInstanceOf(IOException.class);
            assertThat(server.requests).hasSize(2);
            assertThat(server.connections).hasValue(1);
        }
    }

    @Test
    void headersThatWouldSplitOrReframeTheRequestAreRefusedBeforeAnythingIsSent() throws Exception {
        try (RawServer server = answering("HTTP/1.1 204 No Content\r\n\r\n"); OutboundHttp http = client(1024)) {
            String url = server.url("/");
            assertThatThrownBy(() -> http.send(OutboundHttp.request("GET", OutboundHttp.uri(url), FIVE_SECONDS)
                    .header("X-Token", "secret\r\nX-Injected: 1"))).isInstanceOf(OutboundHttp.FinalFailure.class)
                    .hasMessageContaining("X-Token").hasMessageNotContaining("secret");
            assertThatThrownBy(() -> http.send(OutboundHttp.request("GET", OutboundHttp.uri(url), FIVE_SECONDS)
                    .header("Content-Length", "0"))).isInstanceOf(OutboundHttp.FinalFailure.class)
                    .hasMessageContaining("Content-Length");
            assertThatThrownBy(() -> http.send(OutboundHttp.request("GET", OutboundHttp.uri(url), FIVE_SECONDS)
                    .header("Bad Name", "v"))).isInstanceOf(OutboundHttp.FinalFailure.class);
            assertThatThrownBy(() -> http.send(OutboundHttp.request("GET /x HTTP/1.1\r\n", OutboundHttp.uri(url),
                    FIVE_SECONDS))).isInstanceOf(OutboundHttp.FinalFailure.class).hasMessageContaining("method");
            assertThat(http.send(OutboundHttp.request("DELETE", OutboundHttp.uri(url), FIVE_SECONDS)).status())
                    .isEqualTo(204);
            assertThat(server.requests).hasSize(1);   // only the valid call reached the server
            assertThat(server.requests.get(0)).startsWith("DELETE / HTTP/1.1\r\n");
        }
    }

    @Test
    void whatIsNotHttpFailsTheCallWithoutHangingIt() throws Exception {
        try (RawServer server = answering("SSH-2.0-OpenSSH_9.2\r\n\r\n"); OutboundHttp http = client(1024)) {
            assertThatThrownBy(() -> get(http, server.url("/"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("not an HTTP/1.x answer");
        }
        try (RawServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
             OutboundHttp http = client(1024)) {
            assertThatThrownBy(() -> get(http, server.url("/"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("Content-Length");
        }
    }

    @Test
    void anAnswerDrippedByteByByteIsCutOffAtTheCallsDeadline() throws Exception {
        try (RawServer server = new RawServer((socket, s) -> {
            s.readRequest(socket.getInputStream());
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
            while (true) {
                RawServer.write(socket, "x");
                Thread.sleep(50);
            }
        }); OutboundHttp http = client(1_000_000)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> http.send(OutboundHttp.request("GET", OutboundHttp.uri(server.url("/")),
                    Duration.ofMillis(500)))).isInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aRequestTheServerNeverReadsIsCutOffAtTheCallsDeadline() throws Exception {
        try (RawServer server = new RawServer((socket, s) -> Thread.sleep(30_000));
             OutboundHttp http = client(1024)) {
            String body = "x".repeat(32 * 1024 * 1024);   // more than the socket buffers take: the write blocks
            long start = System.nanoTime();
            assertThatThrownBy(() -> http.send(OutboundHttp.request("POST", OutboundHttp.uri(server.url("/")),
                    Duration.ofMillis(500)).body(body))).isInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
