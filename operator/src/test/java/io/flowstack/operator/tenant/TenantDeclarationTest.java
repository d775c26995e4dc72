package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.operator.tenant.dependents.StackPart;
import io.flowstack.operator.tenant.dependents.TenantDependentKey;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The Tenant's @Workflow is the one registry of its objects: named by the key enum, every part renderable. */
class TenantDeclarationTest {
    private final Dependent[] declared = TenantReconciler.class.getAnnotation(Workflow.class).dependents();

    @Test
    void theDeclaredNamesAreTheKeysInTheirOrder() {
        assertThat(Arrays.stream(declared).map(Dependent::name))
                .containsExactlyElementsOf(Arrays.stream(TenantDependentKey.values()).map(TenantDependentKey::key)
                        .toList());
    }

    @Test
    void everyDeclaredDependentCanBeRendered() {
        assertThat(declared).allSatisfy(d -> assertThat(StackPart.class).isAssignableFrom(d.type()));
    }
}
