package io.flowstack.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundHttpTest {
    private HttpServer server;
    private final AtomicReference<String> seen = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final OutboundHttp http = OutboundHttp.client();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://elsewhere.invalid/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/big", exchange -> {
            boolean declared = exchange.getRequestURI().getQuery() != null;
            exchange.sendResponseHeaders(200, declared ? 4096 : 0);   // 0: chunked, no length given
            exchange.getResponseBody().write(new byte[4096]);
            exchange.close();
        });
        server.createContext("/latin1", exchange -> {
            byte[] answer = "Zoë".getBytes(StandardCharsets.ISO_8859_1);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=ISO-8859-1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        server.stop(0);
        http.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void sendsMethodHeadersAndBodyAndReadsTheWholeAnswer() throws Exception {
        OutboundHttp.Response response = http.send(OutboundHttp.request("PATCH", OutboundHttp.uri(url("/echo")),
                Duration.ofSeconds(5)).header("Authorization", "Bearer t").header("Content-Type", "application/json")
                .body("{\"name\":\"Zoë\"}"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertThat(seen.get()).isEqualTo("PATCH Bearer t application/json {\"name\":\"Zoë\"}");
    }

    @Test
    void anAnswerLargerThanTheLimitFailsTheCallWhetherItsLengthIsDeclaredOrNot() throws Exception {
        try (OutboundHttp small = OutboundHttp.client(1024)) {
            for (String path : new String[] {"/big", "/big?declared"}) {
                assertThatThrownBy(() -> small.send(OutboundHttp.request("GET", OutboundHttp.uri(url(path)),
                        Duration.ofSeconds(5)))).isInstanceOf(OutboundHttp.ResponseTooLargeException.class)
                        .hasMessageContaining("1024 bytes");
            }
            // the connection pool is not poisoned: the next call on the same client works
            assertThat(small.send(OutboundHttp.request("GET", OutboundHttp.uri(url("/latin1")), Duration.ofSeconds(5)))
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void readsAnAnswerInTheCharsetItNames() throws Exception {
        assertThat(http.send(OutboundHttp.request("GET", OutboundHttp.uri(url("/latin1")), Duration.ofSeconds(5)))
                .body()).isEqualTo("Zoë");
    }

    @Test
    void neverFollowsARedirect() throws Exception {
        OutboundHttp.Response response = http.send(OutboundHttp.request("GET", OutboundHttp.uri(url("/moved")),
                Duration.ofSeconds(5)));
        assertThat(response.status()).isEqualTo(302);
    }

    @Test
    void aCallIsBoundedAsAWholeByItsTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> http.send(OutboundHttp.request("GET", OutboundHttp.uri(url("/slow")),
                Duration.ofMillis(300)))).isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void onlyHttpAndHttpsUrlsWithAHostCanBeCalled() {
        assertThatThrownBy(() -> OutboundHttp.uri("file:///etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboundHttp.uri("http:/no-host")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboundHttp.uri("not a url")).isInstanceOf(IllegalArgumentException.class);
        assertThat(OutboundHttp.uri("https://api.openai.com/v1/models").getHost()).isEqualTo("api.openai.com");
    }
}
