package io.flowstack.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where things are in a runtime pod, and the paths of the runtime's HTTP API. */
public final class RuntimePaths {
    /** The runtime's HTTP port (API, webhooks, health, metrics). */
    public static final int PORT = 8080;
    /** The projected volume of the definitions ConfigMaps. */
    public static final String DEFINITIONS_DIR = "/etc/flowstack/definitions";
    /** The projected volume of the Integrations' Secret keys, as {@code <secret>/<key>}. */
    public static final String SECRETS_DIR = "/etc/flowstack/secrets";

    public static final String HEALTH_STARTED = "/q/health/started";
    public static final String HEALTH_READY = "/q/health/ready";
    public static final String HEALTH_LIVE = "/q/health/live";
    public static final String METRICS = "/q/metrics";
    public static final String API = "/api";
    public static final String WEBHOOKS = "/webhooks";
    /** GET: every deployed workflow's state ({@link io.flowstack.contract.api.WorkflowsReport}). */
    public static final String WORKFLOWS = "/api/workflows";

    private RuntimePaths() {
    }

    /** POST: the runtime checks an Integration's connectivity ({@link io.flowstack.contract.api.ConnectivityResult}). */
    public static String integrationCheck(String integration) {
        return "/api/integrations/" + URLEncoder.encode(integration, StandardCharsets.UTF_8) + "/check";
    }
}
