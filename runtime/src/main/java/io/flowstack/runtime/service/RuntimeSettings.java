package io.flowstack.runtime.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The runtime's settings: what the operator passes in (keys, definitions) and tuning with sensible defaults. */
@ApplicationScoped
public class RuntimeSettings {
    /** Directory of Workflow and Integration manifests (a mounted ConfigMap). */
    @ConfigProperty(name = "flowstack.definitions-dir")
    Path definitionsDir;

    /** Directory of the Secrets integrations reference, one folder per Secret (<dir>/<secret>/<key>). */
    @ConfigProperty(name = "flowstack.secrets-dir", defaultValue = "/etc/flowstack/secrets")
    Path secretsDir;

    /** 32-byte key (base64) sealing execution data at rest. */
    @ConfigProperty(name = "flowstack.encryption-key")
    String encryptionKey;

    /** The key before the last rotation, still used to open older data. */
    @ConfigProperty(name = "flowstack.previous-encryption-key")
    Optional<String> previousEncryptionKey;

    /** Bearer token of the REST API. */
    @ConfigProperty(name = "flowstack.api-token")
    String apiToken;

    /** HMAC-SHA256 key webhook senders sign with. */
    @ConfigProperty(name = "flowstack.webhook-signing-key")
    String webhookSigningKey;

    /** The Tenant this runtime serves. */
    @ConfigProperty(name = "flowstack.tenant", defaultValue = "local")
    String tenant;

    /** This replica's name in leases. */
    @ConfigProperty(name = "flowstack.replica", defaultValue = "local")
    String replica;

    /** Engine threads of this replica; each claims its own executions and runs one step at a time (mostly waiting on
     * the services it calls and on commits, which concurrent workers share). */
    @ConfigProperty(name = "flowstack.workers", defaultValue = "16")
    int workers;

    /** Executions claimed per round. */
    @ConfigProperty(name = "flowstack.batch", defaultValue = "10")
    int batch;

    /** Pause between rounds when nothing was due. */
    @ConfigProperty(name = "flowstack.idle-poll", defaultValue = "200ms")
    Duration idlePoll;

    /** How old a signed webhook request may be; also how long its signature is remembered against replays. */
    @ConfigProperty(name = "flowstack.webhook-replay-window", defaultValue = "5m")
    Duration webhookReplayWindow;

    /** How long a claimed execution stays held when this runtime stops renewing it (dies); renewed every third. */
    @ConfigProperty(name = "flowstack.lease", defaultValue = "30s")
    Duration lease;

    /** On SIGTERM, how long executions in flight may take to end their current step before their leases are handed
     * back; below the pod's terminationGracePeriodSeconds (30 s by default). */
    @ConfigProperty(name = "flowstack.shutdown-grace", defaultValue = "20s")
    Duration shutdownGrace;

    /** Maintenance mode (FLOWSTACK_MAINTENANCE, set by the operator while the Tenant is suspended in Maintenance): the
     * API and webhooks answer 503 with Retry-After, no execution is claimed and no schedule fires; health answers. */
    @ConfigProperty(name = "flowstack.maintenance", defaultValue = "false")
    boolean maintenance;

    public Duration lease() {
        return lease;
    }

    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    public boolean maintenance() {
        return maintenance;
    }

    public Path definitionsDir() {
        return definitionsDir;
    }

    public Path secretsDir() {
        return secretsDir;
    }

    public String encryptionKey() {
        return encryptionKey;
    }

    public Optional<String> previousEncryptionKey() {
        return previousEncryptionKey.filter(k -> !k.isBlank());
    }

    public String apiToken() {
        return apiToken;
    }

    public String webhookSigningKey() {
        return webhookSigningKey;
    }

    public String tenant() {
        return tenant;
    }

    public String replica() {
        return replica;
    }

    public int workers() {
        return workers;
    }

    public int batch() {
        return batch;
    }

    public Duration idlePoll() {
        return idlePoll;
    }

    public Duration webhookReplayWindow() {
        return webhookReplayWindow;
    }
}
