package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.testing.Examples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Tenant controller's cache keeps each Tenant whole but for its managedFields, which nothing reads. */
class TenantItemStoreTest {
    @Test
    void keepsTheTenantWithoutItsManagedFields() {
        Tenant acme = Examples.tenant("acme.yaml");
        acme.getMetadata().setResourceVersion("42");
        acme.getMetadata().setFinalizers(List.of("flowstack.io/finalizer"));
        acme.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl")
                .withOperation("Apply").withNewFieldsV1().addToAdditionalProperties("f:spec", Map.of()).endFieldsV1()
                .build()));
        Tenant expected = Examples.tenant("acme.yaml");
        expected.getMetadata().setResourceVersion("42");
        expected.getMetadata().setFinalizers(List.of("flowstack.io/finalizer"));
        expected.getMetadata().setManagedFields(null);

        TenantItemStore store = new TenantItemStore();
        store.put(store.getKey(acme), acme);
        Tenant kept = store.get(store.getKey(acme));

        assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(kept).usingRecursiveComparison().isEqualTo(expected);
        assertThat(store.size()).isEqualTo(1);
    }
}
