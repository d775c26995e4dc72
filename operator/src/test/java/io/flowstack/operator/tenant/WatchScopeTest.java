package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.v1alpha1.common.SecretRef;
import io.flowstack.crds.v1alpha1.tenant.DatabaseMode;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.WatchedNamespaces;
import io.flowstack.operator.testing.Examples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With watchNamespaces, a Tenant may only need namespaces the operator has rights in. */
class WatchScopeTest {
    private static final OperatorSettings LISTED = OperatorSettings.defaults()
            .watching(WatchedNamespaces.of(List.of("team-a", " ", "team-b")));

    private static Tenant shared(String namespace, String secretNamespace) {
        Tenant tenant = Examples.tenant("acme.yaml");
        tenant.getSpec().namespace = namespace;
        tenant.getSpec().database.mode = DatabaseMode.Shared;
        tenant.getSpec().database.managed = null;
        tenant.getSpec().database.adminSecretRef = new SecretRef("shared-admin", secretNamespace);
        return tenant;
    }

    @Test
    void aTenantInAListedNamespaceWithSecretsThereOrInTheOperatorsNamespacePasses() {
        assertThat(WatchScope.problem(shared("team-a", null), LISTED)).isEmpty();
        assertThat(WatchScope.problem(shared("team-a", "team-b"), LISTED)).isEmpty();
        assertThat(WatchScope.problem(shared("team-a", "flowstack-system"), LISTED)).isEmpty();
        assertThat(WatchScope.problem(shared("anywhere", "db-admins"), OperatorSettings.defaults())).isEmpty();
    }

    @Test
    void aNamespaceOrASecretElsewhereIsRefusedWithItsFieldPath() {
        assertThat(WatchScope.problem(shared("elsewhere", null), LISTED).orElseThrow().problem().orElseThrow())
                .satisfies(p -> {
                    assertThat(p.reason()).isEqualTo(TenantReason.NamespaceNotWatched);
                    assertThat(p.message()).startsWith("spec.namespace: namespace elsewhere is not one the operator"
                            + " watches (team-a, team-b)");
                });
        Tenant unset = shared(null, null);
        assertThat(WatchScope.problem(unset, LISTED).orElseThrow().problem().orElseThrow().message())
                .startsWith("spec.namespace (unset, so tenant-acme): namespace tenant-acme is not one");
        assertThat(WatchScope.problem(shared("team-a", "db-admins"), LISTED).orElseThrow().problem().orElseThrow()
                .message()).isEqualTo("spec.database.adminSecretRef.namespace: the operator cannot read Secrets in"
                + " db-admins (it watches team-a, team-b and its own namespace flowstack-system)");
    }
}
