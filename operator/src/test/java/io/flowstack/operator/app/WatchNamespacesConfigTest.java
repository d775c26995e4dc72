package io.flowstack.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.operator.common.OperatorSettings;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator with FLOWSTACK_WATCH_NAMESPACES (the chart's watchNamespaces): the namespaced controllers
 * watch the listed namespaces, the Tenant controller all Tenants (cluster-scoped), and the settings that scope the
 * tenant stacks' informers and the preflight carry the list.
 */
@QuarkusTest
@TestProfile(WatchNamespacesConfigTest.Listed.class)
@WithKubernetesTestServer(crud = true)
class WatchNamespacesConfigTest {
    public static class Listed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flowstack.watch-namespaces", "team-a,team-b");
        }
    }

    @Inject
    Operator operator;
    @Inject
    OperatorSettings settings;

    @Test
    void theNamespacedControllersWatchTheListAndTheTenantControllerEveryTenant() {
        Map<String, Set<String>> watched = new TreeMap<>();
        operator.getRegisteredControllers().forEach(c -> watched.put(c.getConfiguration().getName(),
                c.getConfiguration().getEffectiveNamespaces()));
        assertThat(watched).containsEntry("workflow", Set.of("team-a", "team-b"))
                .containsEntry("integration", Set.of("team-a", "team-b"))
                .containsEntry("backuppolicy", Set.of("team-a", "team-b"))
                .containsEntry("tenant", Constants.WATCH_ALL_NAMESPACE_SET);
        assertThat(settings.watched().names()).containsExactlyInAnyOrder("team-a", "team-b");
    }
}
