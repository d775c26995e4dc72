package io.flowstack.operator.definitions;

/**
 * One file of the runtime's definitions directory: a Workflow or an Integration as YAML, under the ConfigMap key
 * {@code workflow.<name>.yaml} or {@code integration.<name>.yaml}.
 */
public record Definition(String kind, String name, String yaml) {
    public static final String WORKFLOW = "Workflow";
    public static final String INTEGRATION = "Integration";

    public String key() {
        return key(kind, name);
    }

    public static String key(String kind, String name) {
        return kind.toLowerCase(java.util.Locale.ROOT) + "." + name + ".yaml";
    }

    /** Bytes this entry takes in a ConfigMap: key and value, as the API server counts them. */
    public int size() {
        return key().length() + yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
