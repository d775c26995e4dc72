package io.flowstack.local;

import io.flowstack.contract.RuntimeEnvironment;
import io.flowstack.contract.SecretKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import io.flowstack.crds.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The runtime on a laptop: an embedded PostgreSQL in .flowstack/ and the runtime's Quarkus application beside it, with
 * keys made once and kept in .flowstack/keys.properties. {@code runtime} runs until stopped; {@code demo} runs the
 * examples' lead-enrichment workflow end to end against local stand-ins for the outside services, then stops.
 */
public final class Local {
    private Local() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The launcher's runtime and demo commands, parsed as every flowstack command is ({@link Cli}). */
    static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        Path root = Path.of(System.getProperty("flowstack.root", ".")).toAbsolutePath().normalize();
        CommandLine line = new CommandLine(new Commands(err));
        line.addSubcommand(new RuntimeCommand(root, out));
        line.addSubcommand(new DemoCommand(root));
        return Cli.execute(line, args, out, err);
    }

    @Command(name = "flowstack", mixinStandardHelpOptions = true,
            description = "The workflow runtime on this machine, and the demo.")
    static final class Commands implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        private final java.io.PrintStream err;

        Commands(java.io.PrintStream err) {
            this.err = err;
        }

        @Override
        public Integer call() {
            spec.commandLine().usage(err);
            return Cli.USAGE;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, description = "Runs the lead-enrichment example end to"
            + " end: embedded PostgreSQL, the runtime, local stand-ins for the outside services, a signed webhook.")
    static final class DemoCommand implements Callable<Integer> {
        private final Path root;

        DemoCommand(Path root) {
            this.root = root;
        }

        @Override
        public Integer call() throws Exception {
            return new Demo(root).run();
        }
    }

    @Command(name = "runtime", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The workflow runtime on this machine, on an embedded PostgreSQL kept in .flowstack/.")
    static final class RuntimeCommand implements Callable<Integer> {
        private final Path root;
        private final java.io.PrintStream out;

        @Option(names = "--definitions", required = true, paramLabel = "DIR",
                description = "A directory of Workflow and Integration YAML.")
        private Path definitions;

        @Option(names = "--secrets", paramLabel = "DIR",
                description = "Secrets as <name>/<key> files (default .flowstack/secrets).")
        private Path secrets;

        @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
        private int port;

        @Option(names = "--address", defaultValue = "127.0.0.1",
                description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 for all).")
        private String address;

        @Spec
        private CommandSpec spec;

        RuntimeCommand(Path root, java.io.PrintStream out) {
            this.root = root;
            this.out = out;
        }

        @Override
        public Integer call() throws Exception {
            if (port < 1 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, not " + port);
            }
            Path dir = definitions.toAbsolutePath();
            if (!Files.isDirectory(dir)) {
                throw new ParameterException(spec.commandLine(), "--definitions must name a directory of Workflow and"
                        + " Integration YAML: " + dir + " is not one");
            }
            Path state = root.resolve(".flowstack");
            try (EmbeddedPostgres postgres = startDatabase(state)) {
                Map<String, String> keys = keys(state);
                Process runtime = startRuntime(root, postgres, dir, secrets != null ? secrets.toAbsolutePath()
                        : state.resolve("secrets"), keys, address, port, true);
                // Ctrl-C: the runtime stops first (it hands its leases back and checkpoints), then its database
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stopInOrder(runtime, postgres)));
                String host = address.equals("0.0.0.0") ? "localhost" : address;
                out.println("Flowstack runtime on http://" + host + ":" + port + " (definitions " + dir + ")");
                out.println("  API token:   " + keys.get(SecretKeys.API_TOKEN) + "   (Authorization: Bearer <token>)");
                out.println("  metrics:     http://" + host + ":" + port + "/q/metrics");
                out.println("  OpenAPI:     http://" + host + ":" + port + "/q/openapi");
                return runtime.waitFor();
            }
        }
    }

    /**
     * PostgreSQL with its data in .flowstack/postgres, kept between runs. It has no shutdown hook of its own: whoever
     * starts it stops it after the runtime ({@link #stopInOrder}).
     */
    static EmbeddedPostgres startDatabase(Path state) throws IOException {
        Files.createDirectories(state);
        return EmbeddedPostgres.builder().setDataDirectory(state.resolve("postgres")).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
    }

    /** Stops the runtime gracefully (SIGTERM, then its grace) and only then its database. */
    static void stopInOrder(Process runtime, EmbeddedPostgres postgres) {
        runtime.destroy();
        try {
            if (!runtime.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                runtime.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("flowstack: stopping PostgreSQL: " + e.getMessage());
        }
    }

    /** The runtime's keys, made on first use and kept. */
    static Map<String, String> keys(Path state) throws IOException {
        Path file = state.resolve("keys.properties");
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                properties.load(in);
            }
        } else {
            SecureRandom random = new SecureRandom();
            for (String key : new String[] {SecretKeys.ENCRYPTION_KEY, SecretKeys.API_TOKEN, SecretKeys.WEBHOOK_SIGNING_KEY}) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                properties.setProperty(key, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
            Files.createDirectories(state);
            try (var out = Files.newOutputStream(file)) {
                properties.store(out, "Flowstack local runtime keys (made once; delete .flowstack/ to start afresh)");
            }
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        return Map.of(SecretKeys.ENCRYPTION_KEY, properties.getProperty(SecretKeys.ENCRYPTION_KEY),
                SecretKeys.API_TOKEN, properties.getProperty(SecretKeys.API_TOKEN),
                SecretKeys.WEBHOOK_SIGNING_KEY, properties.getProperty(SecretKeys.WEBHOOK_SIGNING_KEY));
    }

    static Process startRuntime(Path root, EmbeddedPostgres postgres, Path definitions, Path secrets,
                                Map<String, String> keys, String address, int port, boolean inheritOutput)
            throws IOException {
        Path jar = root.resolve("runtime/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl runtime -am package -DskipTests");
        }
        Files.createDirectories(secrets);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.put(RuntimeEnvironment.TENANT, "local");
        env.put(RuntimeEnvironment.MAINTENANCE, "false");
        env.put(RuntimeEnvironment.DB_HOST, "localhost");
        env.put(RuntimeEnvironment.DB_PORT, Integer.toString(postgres.getPort()));
        env.put(RuntimeEnvironment.DB_DATABASE, "postgres");
        env.put(RuntimeEnvironment.DB_USER, "postgres");
        env.put(RuntimeEnvironment.DB_PASSWORD, "postgres");
        env.put(RuntimeEnvironment.DEFINITIONS_DIR, definitions.toString());
        env.put(RuntimeEnvironment.SECRETS_DIR, secrets.toString());
        env.put(RuntimeEnvironment.ENCRYPTION_KEY, keys.get(SecretKeys.ENCRYPTION_KEY));
        env.put(RuntimeEnvironment.API_TOKEN, keys.get(SecretKeys.API_TOKEN));
        env.put(RuntimeEnvironment.WEBHOOK_SIGNING_KEY, keys.get(SecretKeys.WEBHOOK_SIGNING_KEY));
        env.put(RuntimeEnvironment.JSON_LOGS, "false");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", address);
        if (inheritOutput) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(root.resolve(".flowstack/runtime.log").toFile());
        }
        return builder.start();
    }

    /** Waits until the runtime reports ready. */
    static void awaitReady(int port, Process runtime) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!runtime.isAlive()) {
                throw new IllegalStateException("the runtime stopped; see .flowstack/runtime.log");
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the runtime did not become ready within 60s; see .flowstack/runtime.log");
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
