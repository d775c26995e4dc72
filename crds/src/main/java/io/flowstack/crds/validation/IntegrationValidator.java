package io.flowstack.crds.validation;

import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.IntegrationCatalog;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

final class IntegrationValidator {
    private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");

    private IntegrationValidator() {
    }

    static List<FieldError> validate(Integration integration) {
        Problems problems = new Problems();
        IntegrationSpec spec = integration.getSpec();
        IntegrationCatalog.TypeInfo info = IntegrationCatalog.of(spec.type);
        Map<String, String> config = spec.config == null ? Map.of() : spec.config;
        for (String key : config.keySet()) {
            if (!info.allowsConfig(key)) {
                TreeSet<String> allowed = new TreeSet<>(info.requiredConfig());
                allowed.addAll(info.optionalConfig());
                problems.add("spec.config[" + key + "]", "unknown setting for type " + spec.type + ": "
                        + (allowed.isEmpty() ? "this type takes no config" : "use one of " + String.join(", ", allowed)));
            }
        }
        for (String key : new TreeSet<>(info.requiredConfig())) {
            if (!config.containsKey(key) || config.get(key).isBlank()) {
                problems.add("spec.config[" + key + "]", "Required value: type " + spec.type + " needs config." + key);
            }
        }
        if (config.containsKey("port") && !isPort(config.get("port"))) {
            problems.add("spec.config[port]", "\"" + config.get("port") + "\" is not a port: use a number from 1 to 65535");
        }
        if (config.containsKey("starttls") && !config.get("starttls").matches("true|false")) {
            problems.add("spec.config[starttls]", "use true or false");
        }
        if (spec.secretRef != null && spec.secretRef.keys != null) {
            for (Map.Entry<String, String> key : spec.secretRef.keys.entrySet()) {
                String path = "spec.secretRef.keys[" + key.getKey() + "]";
                if (!info.knowsSecretKey(key.getKey())) {
                    List<String> known = new java.util.ArrayList<>(info.requiredSecretKeys());
                    known.addAll(info.optionalSecretKeys());
                    problems.add(path, "type " + spec.type + " reads no credential named " + key.getKey() + ": "
                            + (known.isEmpty() ? "it reads none" : "it reads " + String.join(", ", known)));
                }
                if (key.getValue() == null || !SECRET_KEY.matcher(key.getValue()).matches()) {
                    problems.add(path, "\"" + key.getValue() + "\" is not a valid Secret key");
                }
            }
        }
        if (spec.baseUrl != null) {
            problems.check("spec.baseUrl", () -> httpUri(spec.baseUrl));
        }
        if (spec.timeout != null) {
            problems.check("spec.timeout", () -> Durations.parse(spec.timeout));
        }
        return problems.list();
    }

    static URI httpUri(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("\"" + text + "\" is not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a URL: " + e.getReason());
        }
    }

    private static boolean isPort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
