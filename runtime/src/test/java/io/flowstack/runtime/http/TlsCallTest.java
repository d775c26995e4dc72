package io.flowstack.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https calls against a server whose certificate (made by the JDK's keytool for "localhost") the test's client trusts
 * and the JVM's roots do not: the certificate must chain to a trusted root and name the host that was called.
 */
class TlsCallTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, trust.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/", exchange -> {
            byte[] answer = ("secure " + exchange.getRequestMethod()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static OutboundHttp client(SSLSocketFactory tls) {
        return new OutboundHttp(new ConnectionPool(64, 256, 10_000, tls, ConnectionPool.VALIDATE_AFTER_NANOS), 1024);
    }

    private static OutboundHttp.Request get(String host) {
        return OutboundHttp.request("GET", OutboundHttp.uri("https://" + host + ":" + server.getAddress().getPort()
                + "/"), Duration.ofSeconds(10));
    }

    @Test
    void aServerWithATrustedCertificateForTheCalledHostIsCalledOverTls() throws Exception {
        try (OutboundHttp http = client(trusting.getSocketFactory())) {
            assertThat(http.send(get("localhost")).body()).isEqualTo("secure GET");
            assertThat(http.send(get("localhost")).body()).isEqualTo("secure GET");   // on the kept-alive connection
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheCalledHostIsRefused() {
        try (OutboundHttp http = client(trusting.getSocketFactory())) {
            assertThatThrownBy(() -> http.send(get("127.0.0.1"))).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aCertificateNoTrustedRootVouchesForIsRefused() {
        try (OutboundHttp http = OutboundHttp.client()) {
            assertThatThrownBy(() -> http.send(get("localhost"))).isInstanceOf(SSLHandshakeException.class);
        }
    }
}
