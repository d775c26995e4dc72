package io.flowstack.crds.v1alpha1.integration;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each integration type offers and needs: its actions, the credentials it reads from the Secret, the config keys it
 * accepts and its default base URL. The operator, the runtime and the validator all read it from here.
 */
public final class IntegrationCatalog {

    /** One integration type's contract. */
    public record TypeInfo(IntegrationType type, Set<String> actions, List<String> requiredSecretKeys,
                           List<String> optionalSecretKeys, Set<String> requiredConfig, Set<String> optionalConfig,
                           Optional<String> defaultBaseUrl) {
        public boolean allowsConfig(String key) {
            return requiredConfig.contains(key) || optionalConfig.contains(key);
        }

        public boolean knowsSecretKey(String key) {
            return requiredSecretKeys.contains(key) || optionalSecretKeys.contains(key);
        }
    }

    private static final Map<IntegrationType, TypeInfo> TYPES = Map.of(
            IntegrationType.http, new TypeInfo(IntegrationType.http, Set.of("request"),
                    List.of(), List.of("token"), Set.of(), Set.of(), Optional.empty()),
            IntegrationType.slack, new TypeInfo(IntegrationType.slack, Set.of("postMessage"),
                    List.of("token"), List.of(), Set.of(), Set.of("defaultChannel"),
                    Optional.of("https://slack.com/api")),
            IntegrationType.openai, new TypeInfo(IntegrationType.openai, Set.of("chatCompletion"),
                    List.of("apiKey"), List.of(), Set.of(), Set.of("model", "organization"),
                    Optional.of("https://api.openai.com/v1")),
            IntegrationType.hubspot, new TypeInfo(IntegrationType.hubspot, Set.of("upsertContact", "createNote"),
                    List.of("accessToken"), List.of(), Set.of(), Set.of(),
                    Optional.of("https://api.hubapi.com")),
            IntegrationType.smtp, new TypeInfo(IntegrationType.smtp, Set.of("sendMail"),
                    List.of("username", "password"), List.of(), Set.of("host", "port", "from"), Set.of("starttls"),
                    Optional.empty()));

    private IntegrationCatalog() {
    }

    public static TypeInfo of(IntegrationType type) {
        return TYPES.get(type);
    }
}
