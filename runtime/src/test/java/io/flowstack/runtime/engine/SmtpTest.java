package io.flowstack.runtime.engine;

import io.flowstack.contract.ExecutionStatus;
import io.flowstack.runtime.integrations.IntegrationSteps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.flowstack.runtime.MutableClock;
import io.flowstack.runtime.TestingDatabase;
import io.flowstack.runtime.crypto.Sealer;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.integrations.MountedIntegrations;
import io.flowstack.runtime.store.ExecutionStore;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import io.flowstack.runtime.http.OutboundHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The smtp integration against a real SMTP server (GreenMail), with login. */
class SmtpTest {
    private static final int PORT = freePort();
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);
    private static TestingDatabase database;

    @BeforeAll
    static void start() {
        database = new TestingDatabase();
        MAIL.setUser("billing@globex.example", "mailer", "s3cret");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sendsTheInvoiceReminderOfTheExamples(@TempDir Path dir) throws Exception {
        Path definitions = dir.resolve("definitions");
        Files.createDirectories(definitions);
        Path examples = Path.of("").toAbsolutePath().getParent().resolve("examples/globex");
        Files.writeString(definitions.resolve("mail.yaml"), Files.readString(examples.resolve("integration-smtp.yaml"))
                .replace("host: smtp.globex.example", "host: 127.0.0.1").replace("port: \"587\"", "port: \"" + PORT + "\"")
                .replace("starttls: \"true\"", "starttls: \"false\""));
        Files.writeString(definitions.resolve("remind.yaml"), """
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: remind, namespace: tenant-globex}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: send
                      type: forEach
                      forEach:
                        items: input.invoices
                        step:
                          type: integration
                          integration:
                            integrationRef: mail
                            action: sendMail
                            params:
                              to: "${{ item.customerEmail }}"
                              subject: "Invoice ${{ item.number }} is overdue"
                              text: "Dear ${{ item.customerName }}, invoice ${{ item.number }} is overdue."
                """);
        Path secrets = dir.resolve("secrets");
        Files.createDirectories(secrets.resolve("smtp"));
        Files.writeString(secrets.resolve("smtp/username"), "mailer");
        Files.writeString(secrets.resolve("smtp/password"), "s3cret");
        Definitions loaded = new Definitions(definitions);
        assertThat(loaded.reload().problems()).isEmpty();
        ExecutionStore store = new ExecutionStore(database.dataSource(), new Sealer(new byte[32], null));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
        Engine engine = new Engine(store, loaded, new IntegrationSteps(new MountedIntegrations(loaded, secrets), OutboundHttp.client()), OutboundHttp.client(),
                clock, "replica", new Random(1), EngineListener.NONE);
        UUID id = store.executions().start("remind", loaded.current("remind").orElseThrow().revision(), "manual",
                new ObjectMapper().readTree("{\"invoices\": [{\"customerEmail\": \"ann@example.com\", \"number\": \"F-17\","
                        + " \"customerName\": \"Ann\"}, {\"customerEmail\": \"bob@example.com\", \"number\": \"F-18\","
                        + " \"customerName\": \"Bob\"}]}"),
                Optional.empty(), clock.instant(), Duration.ofMinutes(5), null);
        while (engine.tick(5) > 0) {
            // run it
        }
        assertThat(store.executions().get(id).status()).as(String.valueOf(store.executions().get(id).error())).isEqualTo(ExecutionStatus.succeeded);
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).isEqualTo("Invoice F-17 is overdue");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("billing@globex.example");
    }
}
