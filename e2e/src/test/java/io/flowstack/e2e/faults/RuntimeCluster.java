package io.flowstack.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runtime replicas as separate OS processes (the built runtime, as its image runs it) on one PostgreSQL, and the faults
 * an SRE would try on them: {@code kill -9} of a replica, SIGTERM, PostgreSQL restarted under load, its connections cut.
 * Each replica logs to target/faults/&lt;name&gt;.log.
 */
final class RuntimeCluster implements AutoCloseable {
    static final String API_TOKEN = "faults-api-token";
    static final String WEBHOOK_KEY = "faults-webhook-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path work;
    private final Path definitions;
    private final int databasePort;
    private final Path databaseDir;
    private EmbeddedPostgres postgres;
    private final Map<String, Replica> replicas = new HashMap<>();
    private final String encryptionKey;

    /** One runtime process and its port. */
    record Replica(String name, int port, Process process) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    RuntimeCluster(Path work) throws IOException {
        this.work = work;
        this.definitions = Files.createDirectories(work.resolve("definitions"));
        Files.createDirectories(work.resolve("secrets"));
        this.databaseDir = work.resolve("postgres");
        this.databasePort = freePort();
        this.encryptionKey = key();
        startDatabase();
    }

    static String key() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    Path definitions() {
        return definitions;
    }

    void define(String file, String yaml) throws IOException {
        Files.writeString(definitions.resolve(file), yaml);
    }

    /** Starts a replica and waits until it is ready; {@code env} adds to or overrides its environment. */
    Replica start(String name, Map<String, String> env) throws IOException {
        Path jar = Path.of(System.getProperty("user.dir")).getParent()
                .resolve("runtime/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the runtime is built by the reactor before this module").exists();
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString());
        Map<String, String> environment = builder.environment();
        environment.put("HOSTNAME", name);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("FLOWSTACK_JSON_LOGS", "false");
        environment.put("FLOWSTACK_TENANT", "faults");
        environment.put("FLOWSTACK_DB_HOST", "127.0.0.1");
        environment.put("FLOWSTACK_DB_PORT", Integer.toString(databasePort));
        environment.put("FLOWSTACK_DB_DATABASE", "postgres");
        environment.put("FLOWSTACK_DB_USER", "postgres");
        environment.put("FLOWSTACK_DB_PASSWORD", "postgres");
        environment.put("FLOWSTACK_DEFINITIONS_DIR", definitions.toString());
        environment.put("FLOWSTACK_SECRETS_DIR", work.resolve("secrets").toString());
        environment.put("FLOWSTACK_ENCRYPTION_KEY", encryptionKey);
        environment.put("FLOWSTACK_API_TOKEN", API_TOKEN);
        environment.put("FLOWSTACK_WEBHOOK_SIGNING_KEY", WEBHOOK_KEY);
        environment.putAll(env);
        Path log = Path.of(System.getProperty("user.dir")).resolve("target/faults/" + name + ".log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Replica replica = new Replica(name, port, builder.start());
        replicas.put(name, replica);
        awaitUntil(Duration.ofSeconds(90), name + " is ready (log " + log + ")", () -> {
            assertThat(replica.process().isAlive()).as(name + " exited; see " + log).isTrue();
            return status(replica, "/q/health/ready") == 200;
        });
        return replica;
    }

    Replica start(String name) throws IOException {
        return start(name, Map.of());
    }

    /** {@code kill -9}: no shutdown hook, nothing handed back. */
    void kill(String name) throws InterruptedException {
        Replica replica = replicas.remove(name);
        replica.process().destroyForcibly();
        assertThat(replica.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** SIGTERM, as the kubelet stops a pod; returns the process to wait for. */
    Process terminate(String name) {
        Replica replica = replicas.remove(name);
        replica.process().destroy();
        return replica.process();
    }

    List<Replica> replicas() {
        return new ArrayList<>(replicas.values());
    }

    Replica replica(String name) {
        return replicas.get(name);
    }

    /** PostgreSQL stopped (its sessions cut, as in a failover) and started again on the same port and data. */
    void restartDatabase(Runnable whileDown) throws IOException {
        postgres.close();
        whileDown.run();
        startDatabase();
    }

    /** Cuts every connection of the runtimes, as a proxy or network blip would. */
    int cutConnections() throws SQLException {
        try (Connection c = connect(); var s = c.createStatement(); var r = s.executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                        + " AND datname = 'postgres' AND backend_type = 'client backend'")) {
            r.next();
            return r.getInt(1);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres", "postgres",
                "postgres");
    }

    int status(Replica replica, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(replica.url(path))).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void awaitUntil(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout + " for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    private void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().setPort(databasePort).setDataDirectory(databaseDir)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        replicas.values().forEach(r -> r.process().destroyForcibly());
        for (Replica replica : replicas.values()) {
            try {
                replica.process().waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
